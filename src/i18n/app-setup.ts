/**
 * Strings of the staff console about the community's own installation (the public site's build),
 * as [zh-CN, English] pairs (merged into app.ts).
 */
import type { Pairs } from './pairs';

export const setupPairs = {
  'site.failed': ['公开网站更新失败（{at}）。', 'The public site failed to update ({at}).'],
  'site.failed.old': [
    '公众看到的仍是 {built} 生成的版本，之后发布的内容暂未上网。',
    'The public still sees the version built {built}; what was published since is not online yet.',
  ],
  'site.failed.none': [
    '公众现在看到的是“网站暂时无法访问”。',
    'The public now sees “the site is temporarily unavailable”.',
  ],
  'site.failed.todo': [
    '请通知系统管理员查看服务器日志；下次发布时会自动重试。',
    'Please tell the system administrator to check the server log; the next publish retries the build.',
  ],
  'site.failed.details': ['技术细节', 'Technical details'],
} as const satisfies Pairs;
