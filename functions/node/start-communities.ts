/**
 * `LINLI_COMMUNITIES=communities.json npm start`: every community of the registry on one port,
 * chosen by the Host header (functions/node/hosts.ts). Each has its own database, app, site,
 * rebuild and scheduled jobs (functions/node/community/serve.ts). PORT overrides 4321.
 */
import { RegistryError } from '../communities/registry';
import { readRegistry, registryPath } from './community/registry-file';
import { openCommunities } from './community/serve';
import { trustProxy } from './config';
import { HostRouter } from './hosts';

const registry = registryPath();
let list: ReturnType<typeof readRegistry>;
try {
  list = readRegistry(registry);
} catch (error) {
  console.error(
    error instanceof RegistryError ? `注册表有误 (bad registry) ${error.message}` : error,
  );
  process.exit(1);
}
if (list.length === 0) {
  console.error(
    `注册表 ${registry} 里没有社区：先运行 npm run linli -- community add --host <主机名> --name <社区名称> (no communities registered)`,
  );
  process.exit(1);
}

// One value for every community would be wrong for all but one: each takes its own from the registry.
for (const name of ['DATABASE_URL', 'DATABASE_AUTH_TOKEN', 'LINLI_SITE_URL', 'LINLI_DEMO'])
  if (process.env[name]?.trim())
    console.error(
      `${name} 在多社区模式下不起作用，已忽略 (ignored with LINLI_COMMUNITIES: each community's comes from the registry or its settings)`,
    );

const { hosts, portals } = await openCommunities(list, process.env, { trustProxy: trustProxy() });
const router = new HostRouter(hosts, trustProxy());
const port = await router.listen(Number(process.env.PORT ?? 4321));
for (const c of list)
  console.log(
    `邻里 Linli ${c.name}: http://${c.host}:${port}${portals.has(c.host) ? '' : '  (未开通 not served)'}`,
  );

// Sites build one after another (serve.ts queues them); each community's jobs start after its build.
const begun = [...portals.values()].map((p) => p.begin(port));
await Promise.all(begun);
if ([...portals.values()].some((p) => !p.server.currentSite)) process.exitCode = 1;

const stop = async () => {
  await router.close();
  await Promise.all([...portals.values()].map((p) => p.stop()));
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
