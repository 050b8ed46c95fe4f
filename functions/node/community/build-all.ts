import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPublicSite } from '../../../src/integrations/build';
import { type Community, connectionOf } from '../../communities/registry';
import { storedSiteUrl } from '../../domain/community/settings';
import { isSetUp } from '../../domain/community/setup';
import { parseSiteOrigin } from '../../domain/community/site-origin';
import { type Env, EXIT_FAILED, EXIT_OK, type Output } from '../cli-support';
import { databaseConfig, projectRoot } from '../config';
import { openCommunity } from './commands';
import { readRegistry } from './registry-file';

/**
 * Where build-all puts the communities' sites: dist/communities/<host>/ (the static root is its
 * client/). Inside the project: Astro's prerendering resolves packages from the output's folder.
 */
export const communitiesDist = (root = projectRoot) => join(root, 'dist', 'communities');

/** One community's build: where it goes and what the build process is given. */
export interface SiteBuildPlan {
  host: string;
  outDir: string;
  env: { DATABASE_URL: string; DATABASE_AUTH_TOKEN: string | undefined; LINLI_SITE_URL: string };
}

/**
 * The origin a community's site is built for when its settings name none: its own host — over
 * plain HTTP on the local port for a *.localhost name (the Node server), HTTPS otherwise.
 */
export function defaultSiteOrigin(host: string, env: Env): string {
  return host === 'localhost' || host.endsWith('.localhost')
    ? `http://${host}:${Number(env.PORT ?? 4321)}`
    : `https://${host}`;
}

/** The build of one community's site from its own database, into its own folder. */
export function planBuild(
  community: Community,
  env: Env,
  stored: string | undefined,
  distDir = communitiesDist(),
): SiteBuildPlan {
  const { url, authToken } = connectionOf(community, env);
  return {
    host: community.host,
    outDir: join(distDir, community.host),
    env: {
      // Absolute, as the build process runs in the project root whatever the caller's folder.
      DATABASE_URL: databaseConfig({ DATABASE_URL: url }).url,
      DATABASE_AUTH_TOKEN: authToken,
      LINLI_SITE_URL: (stored && parseSiteOrigin(stored)) || defaultSiteOrigin(community.host, env),
    },
  };
}

/** The compatibility date of every Worker of the deployment: wrangler.jsonc's (tests hold them equal). */
export const COMPATIBILITY_DATE = '2026-11-01';

/**
 * The configuration of a community's own assets-only site Worker on its Custom Domain
 * (DEPLOY.md, section 11): deployed with `npx wrangler deploy -c <outDir>/wrangler.json`.
 */
export function siteWorkerConfig(host: string): Record<string, unknown> {
  return {
    name: `linli-site-${host.replace(/[^a-z0-9]+/g, '-')}`.slice(0, 63).replace(/-+$/, ''),
    compatibility_date: COMPATIBILITY_DATE,
    assets: { directory: './client', not_found_handling: '404-page' },
    routes: [{ pattern: host, custom_domain: true }],
  };
}

/** Why a community cannot be built, or its plan. */
async function prepare(
  c: Community,
  env: Env,
  distDir: string,
): Promise<{ plan: SiteBuildPlan } | { refusal: string }> {
  const opened = openCommunity(c, env, false);
  if ('missing' in opened) return { refusal: `数据库文件不存在 ${opened.missing} (no database)` };
  try {
    if (!(await isSetUp(opened.database.read)))
      return { refusal: '数据库里还没有社区，请先运行 init (no community set up in it yet)' };
    return { plan: planBuild(c, env, await storedSiteUrl(opened.database.read), distDir) };
  } catch (error) {
    return { refusal: (error as Error).message.split('\n')[0] ?? String(error) };
  } finally {
    opened.database.close();
  }
}

/**
 * Builds every community's site in turn (one Astro build at a time: each takes the machine's
 * cores). One that fails is reported and the rest still build; non-zero exit if any failed.
 * `only` limits the run to the named hosts.
 */
export async function buildAll(
  registry: string,
  env: Env,
  output: Output,
  options: { only?: string[]; distDir?: string } = {},
): Promise<number> {
  const distDir = options.distDir ?? communitiesDist();
  const list = readRegistry(registry).filter((c) => !options.only || options.only.includes(c.host));
  let failed = 0;
  for (const c of list) {
    const t = performance.now();
    const prepared = await prepare(c, env, distDir);
    if ('refusal' in prepared) {
      failed++;
      output.err(`✗ ${c.host}: ${prepared.refusal}`);
      continue;
    }
    const { plan } = prepared;
    try {
      rmSync(plan.outDir, { recursive: true, force: true });
      const { site } = await buildPublicSite({ projectRoot, outDir: plan.outDir, env: plan.env });
      writeFileSync(
        join(plan.outDir, 'wrangler.json'),
        `${JSON.stringify(siteWorkerConfig(c.host), null, 2)}\n`,
      );
      output.out(
        `✓ ${c.host}: ${site} (${plan.env.LINLI_SITE_URL}) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
    } catch (error) {
      failed++;
      // The build's own last lines say why (astro's log is kept only for a failure).
      output.err(`✗ ${c.host}: ${(error as Error).message.split('\n').slice(-12).join('\n')}`);
    }
  }
  output.out(
    `${list.length - failed}/${list.length} 个社区网站已生成 (sites built)${failed ? `，${failed} 个失败 (failed)` : ''}`,
  );
  return failed ? EXIT_FAILED : EXIT_OK;
}
