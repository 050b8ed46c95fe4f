import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createDatabase } from '../../db/client';
import { storedSiteUrl } from '../domain/community/settings';
import { isSetUp } from '../domain/community/setup';
import { resolveSiteOrigin } from '../domain/community/site-origin';
import { DEFAULT_DATABASE_URL, databaseFilePath } from './config';

export const INIT_HINT = 'npm run linli -- init --name "<社区名称>" --admin <登录名>';

/**
 * What `npm run build` checks before it starts Astro: that the database exists and holds a
 * community (otherwise one line saying what to run, instead of a driver's stack from deep inside
 * the build), and which origin the site's absolute URLs take.
 */
export async function readyToBuild(
  env: Record<string, string | undefined>,
): Promise<{ siteUrl: string } | { refusal: string }> {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const file = databaseFilePath(url);
  if (file !== undefined && !existsSync(file)) {
    return {
      refusal: `还没有数据库 ${file}：演示社区请运行 npm start（生成数据库并建站），自己的社区请先运行 ${INIT_HINT}。(no database yet: npm start for the demo, or ${INIT_HINT} for your own community)`,
    };
  }
  const database = createDatabase({
    url: file === undefined ? url : pathToFileURL(file).href,
    authToken: env.DATABASE_AUTH_TOKEN?.trim() || undefined,
  });
  try {
    const ready = await isSetUp(database.read).catch(() => false);
    if (!ready) {
      return {
        refusal: `数据库 ${file ?? url} 里还没有社区：请先运行 ${INIT_HINT}。(no community in this database; run init first)`,
      };
    }
    const siteUrl = resolveSiteOrigin({
      env: env.LINLI_SITE_URL,
      stored: await storedSiteUrl(database.read),
      port: Number(env.PORT ?? 4321),
    });
    return { siteUrl };
  } catch (error) {
    return {
      refusal: `无法读取数据库 ${file ?? url}：${(error as Error).message} (cannot read the database)`,
    };
  } finally {
    database.close();
  }
}
