import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const checker = fileURLToPath(new URL('../../functions/node/require-node.cjs', import.meta.url));
const oldNode = '/usr/bin/node';

function check(
  node: string,
  version?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(node, [checker, ...(version ? [version] : [])], (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the Node version check run before npm start, test and build', () => {
  it('passes on this Node, silently', async () => {
    expect(await check(process.execPath)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('refuses a Node older than 22.12 with one line saying what is needed', async () => {
    for (const version of ['v20.19.0', '18.20.4', '22.11.0', '16.0.0']) {
      const r = await check(process.execPath, version);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('Node.js ≥ 22.12');
      expect(r.stderr).toContain(`当前是 v${version.replace(/^v/, '')}`);
    }
    for (const version of ['22.12.0', '23.0.0', 'v24.11.1'])
      expect((await check(process.execPath, version)).code).toBe(0);
  });

  it('is wired as the pre-script of start, test and build', () => {
    const scripts = (
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    for (const name of ['prestart', 'pretest', 'prebuild'])
      expect(scripts[name]).toBe('node functions/node/require-node.cjs');
  });

  // The checker must itself run on the old Node it refuses (the machine's own node, when older).
  it.skipIf(!existsSync(oldNode))('runs on the machine’s own Node', async () => {
    const own = await new Promise<string>((resolve) =>
      execFile(oldNode, ['--version'], (_e, out) => resolve(out.trim())),
    );
    const r = await check(oldNode);
    const [major = 0, minor = 0] = own.replace(/^v/, '').split('.').map(Number);
    expect(r.code).toBe(major > 22 || (major === 22 && minor >= 12) ? 0 : 1);
    if (r.code === 1) expect(r.stderr).toContain(`当前是 ${own}`);
  });
});
