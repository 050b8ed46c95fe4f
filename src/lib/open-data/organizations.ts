// The organizations collection (组织架构): /data/organizations.json and .csv.
import type { PublicData } from '../../../functions/domain/publishing';
import { idField, int, published, status, str, urlField } from './fields';
import type { Collection } from './model';

type Organization = PublicData['organizations'][number];

export const organizations: Collection<Organization> = {
  name: 'organizations',
  title: { zh: '组织架构（一核多元）', en: 'Organisations (one core, many actors)' },
  description: {
    zh: '社区党委、居委会、物业、社会组织、居民自组织、志愿服务队和合伙商户。',
    en: 'The Party committee, residents’ committee, property companies, social organisations, self-organisations, volunteer teams and partner merchants.',
  },
  rows: (d) => d.organizations,
  fields: [
    idField('组织', 'organisation'),
    urlField('这个组织的页面。', 'The organisation’s page.', (o) => o.url),
    str('kind', '类型', 'Kind', '组织类型。', 'Kind of organisation.', (o) => o.kind, {
      enumOf: 'orgKind',
      required: true,
    }),
    str('name', '名称', 'Name', '组织名称。', 'Name.', (o) => o.name, { required: true }),
    int(
      'parentId',
      '上级组织编号',
      'Parent id',
      '上级组织（如党支部的上级为社区党委）；可为空。',
      'The parent organisation (e.g. a Party branch’s committee); may be empty.',
      (o) => o.parentId,
      { references: 'organizations' },
    ),
    str(
      'description',
      '介绍',
      'Description',
      '组织介绍。',
      'About the organisation.',
      (o) => o.description,
      { required: true },
    ),
    str(
      'provides',
      '提供什么',
      'Provides',
      '为社区提供什么。',
      'What it provides to the community.',
      (o) => o.provides,
      { required: true },
    ),
    str(
      'covers',
      '负责范围',
      'Covers',
      '负责的小区或楼栋；可为空。',
      'Compounds or buildings it covers; may be empty.',
      (o) => o.covers,
    ),
    str(
      'contact',
      '办公联系方式',
      'Office contact',
      '机构的公开办公联系方式（不是个人电话）；可为空。',
      'Public office contact (never a private person’s phone); may be empty.',
      (o) => o.contact,
    ),
    int(
      'teamId',
      '志愿队编号',
      'Team id',
      '对应的志愿服务队；可为空。',
      'The volunteer team it runs, if any.',
      (o) => o.teamId,
    ),
    int(
      'merchantId',
      '商户编号',
      'Merchant id',
      '对应的合伙商户（见 merchants）；可为空。',
      'The partner merchant (see merchants), if any.',
      (o) => o.merchantUserId,
      { references: 'merchants' },
    ),
    status<Organization>(),
    published<Organization>(),
  ],
};
