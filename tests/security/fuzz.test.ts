import type { ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema';
import { clock, testApp } from '../helpers/api';
import { expectLedgerInvariants } from '../helpers/ledger';
import { CALLERS, copyOf, type FuzzTemplate, fuzzTemplate } from './fuzz-world';
import {
  Generator,
  HOSTILE_IDS,
  HOSTILE_STRINGS,
  int,
  pick,
  prng,
  type Rng,
  type Schema,
} from './generate';

/**
 * The OpenAPI-driven fuzz: EVERY operation of /api/openapi.json, as anonymous and as every role,
 * with valid inputs generated from its schemas and hostile variants (wrong types, huge and control
 * strings, odd ids, missing and extra fields, malformed JSON, wrong content types, traversal and
 * SQL-ish strings). Every answer must be below 500, a status the operation documents, and match the
 * documented schema; afterwards the ledger verifies. Deterministic: FUZZ_SEED repeats a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_2026);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const VALID_PER_CALLER = 2;
const HOSTILE_PER_CALLER = 4;
/** More hostile requests for the callers an operation admits: theirs reach the handler. */
const HOSTILE_EXTRA_ADMITTED = 6;
const BASE = 'https://linli.invalid/openapi.json';

interface Operation {
  method: string;
  path: string;
  op: Schema;
}

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  variant: string;
  hostileId?: string;
}

/** What a hostile request must not get, beyond the documented contract: accepted at all. */
function accepted(req: Sent, status: number): string | undefined {
  if (status >= 300) return undefined;
  if (req.hostileId !== undefined && !/^[1-9]\d*$/.test(decodeURIComponent(req.hostileId)))
    return `non-decimal path id ${JSON.stringify(req.hostileId)} accepted (${status})`;
  // A …/check operation stores nothing: it answers 200 with what it refused in its report.
  if (
    req.variant === 'body' &&
    req.method !== 'GET' &&
    !/\/check(\?|$)/.test(req.url) &&
    /\\u0000/.test(req.body ?? '')
  )
    return `NUL character in a body accepted (${status})`;
  return undefined;
}

describe('OpenAPI-driven fuzz over every operation and role', () => {
  const time = clock();
  let template: FuzzTemplate;
  let doc: Schema;
  let ops: Operation[];
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  const validators = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    template = await fuzzTemplate(time);
    const { database, cleanup } = copyOf(template);
    const res = await testApp(database, time).request('/api/openapi.json');
    doc = (await res.json()) as Schema;
    cleanup();
    ajv.addSchema({ $id: BASE, components: doc.components });
    ops = Object.entries<Schema>(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => METHODS.includes(m))
        .map((method) => ({ method, path, op: item[method] })),
    );
  }, 60_000);
  afterAll(() => template?.remove());

  const validatorFor = (key: string, schema: Schema): ValidateFunction => {
    let v = validators.get(key);
    if (!v) {
      v = ajv.compile(
        JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${BASE}#/components/`)),
      );
      validators.set(key, v);
    }
    return v;
  };

  /** One request for `op`: valid, or with one hostile part (which part, from the PRNG). */
  function build(o: Operation, gen: Generator, rng: Rng, hostile: boolean, serial: number): Sent {
    const params: Schema[] = o.op.parameters ?? [];
    const media = Object.keys(o.op.requestBody?.content ?? {})[0];
    const kinds = ['path', 'query', 'header', 'body', 'raw', 'type'].filter((k) =>
      k === 'path'
        ? params.some((p) => p.in === 'path')
        : k === 'query'
          ? true
          : k === 'header'
            ? params.some((p) => p.in === 'header')
            : o.method !== 'get',
    );
    const kind = hostile ? pick(rng, kinds) : 'valid';
    let path = o.path;
    let hostileId: string | undefined;
    const query = new URLSearchParams();
    const headers: Record<string, string> = {};
    for (const p of params) {
      if (p.in === 'path') {
        const hostileHere = kind === 'path' && rng() < 0.7 ? pick(rng, HOSTILE_IDS) : undefined;
        if (hostileHere !== undefined) hostileId = hostileHere;
        const value = hostileHere ?? encodeURIComponent(String(gen.valid(p.schema, p.name)));
        path = path.replace(`{${p.name}}`, value);
      } else if (p.in === 'query' && (p.required || rng() < 0.4))
        query.set(p.name, String(gen.valid(p.schema, p.name)));
      else if (p.in === 'header')
        headers[p.name] = `fuzz-${SEED}-${String(serial).padStart(6, '0')}`;
    }
    if (kind === 'query') {
      const named = params.filter((p) => p.in === 'query');
      const name =
        named.length && rng() < 0.8
          ? pick(rng, named).name
          : pick(rng, ['id', 'limit', 'cursor', '__proto__', 'q']);
      query.set(name, pick(rng, [...HOSTILE_IDS.map(decodeURIComponent), ...HOSTILE_STRINGS]));
    }
    if (kind === 'header') {
      const p = pick(
        rng,
        params.filter((q) => q.in === 'header'),
      );
      const bad = pick(rng, [
        undefined,
        'short',
        'k'.repeat(129),
        'bad key!',
        '\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9',
        '../../../../etc',
      ]);
      if (bad === undefined) delete headers[p.name];
      else headers[p.name] = bad;
    }
    let body: string | undefined;
    const schema = media ? o.op.requestBody.content[media].schema : undefined;
    if (o.method !== 'get') {
      const valid = media === 'application/json' ? gen.valid(schema) : undefined;
      if (media === 'application/json') headers['content-type'] = 'application/json';
      else if (media) headers['content-type'] = media;
      if (kind === 'body') body = JSON.stringify(gen.hostileBody(schema, valid));
      else if (kind === 'raw')
        body = pick(rng, [
          '{"a":',
          '{',
          'nul',
          '[1,2',
          '{"points": 1e999999}',
          '\u0000\u0000',
          '{"__proto__": {"admin": true}}',
          `"${'x'.repeat(5000)}`,
        ]);
      else if (kind === 'type') {
        headers['content-type'] = pick(rng, [
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/json; charset=utf-16',
        ]);
        body =
          headers['content-type'] === 'application/x-www-form-urlencoded'
            ? 'points=1&residentId=1'
            : JSON.stringify(valid ?? {});
      } else if (media === 'application/json') body = JSON.stringify(valid);
      else if (media)
        body = media.startsWith('text/')
          ? 'login,full_name\nfuzz.one,张三\n'
          : '\u0089PNG fuzz bytes';
    }
    const qs = query.toString();
    return {
      method: o.method.toUpperCase(),
      url: `${path}${qs ? `?${qs}` : ''}`,
      headers,
      body,
      variant: kind,
      hostileId,
    };
  }

  /** What is wrong with the answer (nothing: undefined). */
  async function judge(o: Operation, res: globalThis.Response): Promise<string | undefined> {
    const status = res.status;
    const text = await res.text();
    if (status >= 500) return `status ${status}: ${text.slice(0, 200)}`;
    const documented = o.op.responses?.[String(status)];
    if (!documented)
      return `status ${status} is not documented (${Object.keys(o.op.responses ?? {}).join(', ')}): ${text.slice(0, 200)}`;
    const content = documented.content as Record<string, Schema> | undefined;
    if (!content) return undefined;
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
    if (!content[type])
      return `content-type ${type} is not documented for ${status} (${Object.keys(content).join(', ')})`;
    if (type !== 'application/json') return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return `${status} body is not JSON: ${text.slice(0, 200)}`;
    }
    const validate = validatorFor(`${o.method} ${o.path} ${status}`, content[type].schema ?? {});
    if (!validate(json))
      return `${status} body does not match its schema: ${ajv.errorsText(validate.errors)} in ${text.slice(0, 300)}`;
    return undefined;
  }

  it(`≥ 5,000 requests: no 5xx, only documented statuses and bodies, the ledger verifies (seed ${SEED})`, async () => {
    const rng = prng(SEED);
    const problems: string[] = [];
    let sent = 0;
    const statuses: Record<number, number> = {};
    const started = performance.now();
    for (const o of ops) {
      const { database, cleanup } = copyOf(template);
      try {
        const app = testApp(database, time);
        const gen = new Generator(rng, doc.components.schemas, template.ids);
        for (const caller of CALLERS) {
          const token = caller === 'anonymous' ? undefined : template.tokens[caller as Role];
          const plan = [
            ...Array(VALID_PER_CALLER).fill(false),
            ...Array(HOSTILE_PER_CALLER).fill(true),
          ];
          for (let i = 0; i < plan.length; i++) {
            const req = build(o, gen, rng, plan[i], ++sent);
            const res = await app.request(req.url, {
              method: req.method,
              headers: { ...req.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
              body: req.body,
            });
            if (i === 0 && res.status !== 401 && res.status !== 403)
              plan.push(...Array(HOSTILE_EXTRA_ADMITTED).fill(true));
            statuses[res.status] = (statuses[res.status] ?? 0) + 1;
            const problem = accepted(req, res.status) ?? (await judge(o, res));
            if (!problem) continue;
            const line = `${caller} ${req.method} ${req.url.slice(0, 160)} [${req.variant}] body=${(req.body ?? '').slice(0, 120)} → ${problem}`;
            problems.push(line);
          }
        }
        await expectLedgerInvariants(database);
      } finally {
        cleanup();
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz: ${sent} requests over ${ops.length} operations × ${CALLERS.length} callers in ${seconds.toFixed(1)} s (seed ${SEED}); ${problems.length} problems; statuses ${JSON.stringify(statuses)}`,
    );
    expect(sent).toBeGreaterThanOrEqual(5000);
    expect(
      problems.slice(0, 40),
      `seed ${SEED}: ${problems.length} problems (FUZZ_SEED=${SEED} repeats this run)`,
    ).toEqual([]);
  }, 240_000);

  it('every pattern in the document has a generated value that fits it', () => {
    const gen = new Generator(prng(SEED), doc.components.schemas, template.ids);
    const patterns = new Set<string>();
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const s = node as Schema;
      if (typeof s.pattern === 'string') patterns.add(s.pattern);
      Object.values(s).forEach(walk);
    };
    walk(doc);
    for (const pattern of patterns)
      expect(String(gen.valid({ type: 'string', pattern })), pattern).toMatch(
        new RegExp(pattern, 'u'),
      );
    expect(int(prng(1), 5, 5)).toBe(5);
  });
});
