/**
 * Public-site strings of the organisations pages ("one core, many parties"). [zh-CN, English]
 * pairs, merged in site.ts.
 */
import type { Pairs } from './pairs';

export const organizationsSitePairs = {
  'orgs.title': ['一核多元', 'One core, many actors'],
  'orgs.intro': [
    '社区党委领导，居委会搭建平台，社会组织提供专业服务，志愿者、居民和商户共同参与。这里是参与社区治理的各方：各自做什么、覆盖哪些楼栋、怎么联系。',
    "The community Party committee leads, the residents' committee provides the platform, social organisations bring professional services, and volunteers, residents and merchants take part. Who they are, what each does, which buildings they cover and how to reach them.",
  ],
  'org.provides': ['提供', 'Provides'],
  'org.covers': ['覆盖范围', 'Covers'],
  'org.contact': ['联系方式', 'Contact'],
  'org.parent': ['上级组织', 'Part of'],
  'org.children': ['下设', 'Units under it'],
  'org.team': ['查看志愿服务队', 'See the volunteer team'],
  'org.merchant': ['查看合伙人记录', "See the partner's record"],
  'org.back': ['返回一核多元', 'Back to who does what'],
  'org.servicesHeading': ['提供的服务', 'Services it provides'],
  'org.services': ['查看提供的服务', 'See its services'],
} as const satisfies Pairs;
