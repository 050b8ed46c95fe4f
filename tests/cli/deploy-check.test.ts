import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../functions/node/cli';
import { ASSET_LIMITS, countAssets } from '../../functions/node/deploy-check';

/** `deploy-check`: a built site against Cloudflare's static asset limits, before `wrangler deploy`. */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'linli-assets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function check(...args: string[]) {
  return checkIn({}, ...args);
}

async function checkIn(env: Record<string, string>, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    ['deploy-check', ...args],
    { out: (l) => out.push(l), err: (l) => err.push(l) },
    env,
  );
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** A small built site, with the files the build writes that wrangler does not upload. */
function smallSite(): void {
  mkdirSync(join(dir, 'services', '1'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'services', '1', 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, '_headers'), '/*\n  X-Frame-Options: DENY\n');
  writeFileSync(join(dir, '_routes.json'), '{}');
  writeFileSync(join(dir, '.assetsignore'), '_headers\n_routes.json\n.assetsignore\n');
}

describe('deploy-check', () => {
  it('passes a site within the limits, counting only what wrangler uploads', async () => {
    smallSite();
    expect(countAssets(dir)).toMatchObject({
      files: 2,
      byFolder: [
        ['.', 1],
        ['services', 1],
      ],
    });
    const run = await check(dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 static files');
    expect(run.stderr).toBe('');
  });

  it('fails a site over the free plan’s file count, naming the limit, the count and the way out', async () => {
    smallSite();
    const pages = join(dir, 'pagefind', 'fragment');
    mkdirSync(pages, { recursive: true });
    for (let i = 0; i < ASSET_LIMITS.files.free - 1; i++) writeFileSync(join(pages, `${i}.pf`), '');
    const free = await check(dir);
    expect(free.code).toBe(1);
    expect(free.stderr).toContain('20,001 files exceed the Workers free plan');
    expect(free.stderr).toContain('20,000 static asset files per Worker version');
    expect(free.stderr).toContain('pagefind/ 19,999');
    expect(free.stderr).toContain('--plan paid');
    expect(free.stderr).toContain('DEPLOY.md');
    expect((await check('--plan', 'paid', dir)).code).toBe(0);
    // `npm run deploy` runs it without options: the plan comes from the environment.
    expect((await checkIn({ LINLI_WORKERS_PLAN: 'paid' }, dir)).code).toBe(0);
  });

  it('fails a file over 25 MiB', async () => {
    smallSite();
    writeFileSync(join(dir, 'big.json'), '');
    truncateSync(join(dir, 'big.json'), ASSET_LIMITS.fileBytes + 1);
    const run = await check('--plan', 'paid', dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('largest big.json 25.0 MiB');
    expect(run.stderr).toContain(
      'big.json is 25.0 MiB: over the 25 MiB limit per static asset file',
    );
    truncateSync(join(dir, 'big.json'), ASSET_LIMITS.fileBytes);
    expect((await check(dir)).code).toBe(0);
  });

  it('refuses an unknown plan and a folder that is not there (usage errors)', async () => {
    expect((await check('--plan', 'gold', dir)).code).toBe(2);
    const missing = await check(join(dir, 'nothing'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('npm run build');
  });
});
