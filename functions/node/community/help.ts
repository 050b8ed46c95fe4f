/** `community --help`: kept apart from the command's modules, so help loads nothing else. */
export const COMMUNITY_DETAILS = [
  'community add --host <主机名> --name <社区名称> [--database-url <URL>] [--auth-token-var <变量名>] [--demo]',
  '    创建并迁移数据库（默认 data/communities/<host>/linli.db），--demo 生成演示社区，然后登记。',
  '    Provision: create and migrate the database, seed the demo with --demo (else empty: run init), register it.',
  '    --auth-token-var: 保存远程数据库令牌的环境变量名（不是令牌本身）(the NAME of the variable holding the token)',
  'community list          主机名、名称、数据库、迁移状态 (host, name, database, migration state)',
  'community migrate-all   迁移全部数据库；有失败时退出码为 1 (migrate every database; exit 1 if any failed)',
  'community build-all [--host <主机名>]  为每个社区生成网站到 dist/communities/<host>/ (build each site)',
  '注册表 Registry: LINLI_COMMUNITIES（默认 communities.json），JSON 列表 [{ host, name, databaseUrl, authTokenVar? }]',
];
