import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationIdOf, TAG_DESCRIPTIONS } from '../../functions/http/openapi';
import { call, type World, world } from '../helpers/http';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const REDOCLY = resolve(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'redocly');

interface Problem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: Array<{ pointer: string }>;
}

/** Redocly's own linter, recommended rules, on the document the API serves (offline: no telemetry). */
async function lint(doc: unknown): Promise<Problem[]> {
  const dir = mkdtempSync(join(tmpdir(), 'linli-openapi-'));
  try {
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
    writeFileSync(join(dir, 'redocly.yaml'), 'extends:\n  - recommended\n');
    const env = {
      ...process.env,
      REDOCLY_TELEMETRY: 'off',
      REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
    };
    // Exit code 1 means "errors found": the JSON report on stdout says which.
    const out = await promisify(execFile)(
      REDOCLY,
      ['lint', 'openapi.json', '--format=json', '--max-problems=1000'],
      { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 },
    ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
    return (JSON.parse(out.stdout) as { problems: Problem[] }).problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What these tests read of the served document. */
const Operation = z.looseObject({
  operationId: z.string().optional(),
  security: z.array(z.unknown()).optional(),
  tags: z.array(z.string()).optional(),
  responses: z.record(z.string(), z.unknown()),
});
const Doc = z.looseObject({
  info: z.looseObject({ license: z.unknown() }),
  servers: z.array(z.unknown()),
  tags: z.array(z.looseObject({ name: z.string() })),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

describe('the served OpenAPI document, by its standard’s linter', () => {
  let w: World;
  let served: unknown;
  let doc: z.infer<typeof Doc>;
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({
        method,
        path,
        op: Operation.parse(item[method]),
      })),
    );
  /** The operation the document lists at `path` for `method`. */
  const at = (path: string, method: string) => Operation.parse(doc.paths[path]?.[method]);
  beforeAll(async () => {
    w = await world();
    served = (await call(w.app, 'GET', '/api/openapi.json')).body;
    doc = Doc.parse(served);
  });
  afterAll(() => w.cleanup());

  it('has 0 errors and 0 warnings under Redocly’s recommended rules', async () => {
    const problems = (await lint(served)).map(
      (p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`,
    );
    expect(problems).toEqual([]);
  });

  it('states the licence of what it serves: the open data’s', () => {
    expect(doc.info.license).toEqual({
      name: 'Creative Commons Attribution 4.0',
      identifier: 'CC-BY-4.0',
    });
  });

  it('a public GET that takes no parameters refuses one, with the 400 its document lists', async () => {
    for (const path of [
      '/api/health',
      '/api/public/stats',
      '/api/public/ledger/head',
      '/api/public/catalogue',
    ]) {
      expect(at(path, 'get').responses['400'], path).toBeDefined();
      const res = await call(w.app, 'GET', `${path}?limt=5`);
      expect(res.status, path).toBe(400);
      expect(res.body).toMatchObject({
        error: { code: 'invalid_request', message: expect.stringContaining('limt') },
      });
      expect((await call(w.app, 'GET', path)).status, path).toBe(200);
    }
  });

  it('every operation has a unique camelCase operationId made from its method and path', () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { method, path, op } of operations()) {
      expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z]+[A-Za-z0-9]*$/);
    }
    expect(at('/api/staff/entries/{id}/reverse', 'post').operationId).toBe(
      'postStaffEntriesByIdReverse',
    );
    expect(at('/api/me/entries', 'get').operationId).toBe('getMeEntries');
    expect(operationIdOf('post', '/api/admin/teams/{id}/members/{residentId}/leave')).toBe(
      'postAdminTeamsByIdMembersByResidentIdLeave',
    );
    expect(operationIdOf('get', '/api/staff/award-batches')).toBe('getStaffAwardBatches');
  });

  it('public operations say security: [] and signed-in ones name a scheme', () => {
    for (const path of ['/api/health', '/api/public/stats', '/api/public/ledger/head'])
      expect(at(path, 'get').security).toEqual([]);
    expect(at('/api/auth/login', 'post').security).toEqual([]);
    for (const { method, path, op } of operations()) {
      expect(Array.isArray(op.security), `${method} ${path}`).toBe(true);
      if (/^\/api\/(me|counter|staff|admin)(\/|$)/.test(path))
        expect(op.security?.length, `${method} ${path}`).toBeGreaterThan(0);
    }
  });

  it('declares its servers, and every tag used with a description of its own', () => {
    expect(doc.servers.length).toBeGreaterThan(0);
    const used = new Set(operations().flatMap(({ op }) => op.tags ?? []));
    expect(doc.tags.map((t) => t.name).sort()).toEqual([...used].sort());
    // A new tag gets its description in functions/http/openapi.ts TAG_DESCRIPTIONS.
    for (const tag of used) expect(TAG_DESCRIPTIONS[tag], `description of tag ${tag}`).toBeTruthy();
  });
});
