import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type World, world } from '../helpers/http';

/** Every path and method the contract (shared/points-api.md) names. */
const CONTRACT: Array<[string, string]> = [
  ['get', '/api/health'],
  ['post', '/api/auth/login'],
  ['post', '/api/auth/logout'],
  ['get', '/api/me'],
  ['get', '/api/me/entries'],
  ['post', '/api/me/redeem-codes'],
  ['post', '/api/counter/redemptions'],
  ['get', '/api/counter/redemptions'],
  ['post', '/api/staff/awards'],
  ['post', '/api/staff/entries/{id}/reverse'],
  ['get', '/api/staff/residents'],
  ['get', '/api/public/ledger/head'],
  ['get', '/api/public/stats'],
  ['get', '/api/openapi.json'],
];

describe('GET /api/openapi.json', () => {
  let w: World;
  let doc: any;
  beforeAll(async () => {
    w = await world();
    const res = await call(w.app, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    doc = res.body;
  });
  afterAll(() => w.cleanup());

  it('is an OpenAPI 3.1 document with info and paths', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(typeof doc.info.title).toBe('string');
    expect(typeof doc.info.version).toBe('string');
    expect(typeof doc.paths).toBe('object');
  });

  it.each(CONTRACT.filter(([, path]) => path !== '/api/openapi.json'))(
    'lists %s %s',
    (method, path) => {
      expect(doc.paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
    },
  );

  it('every operation declares responses, and every path parameter in a template is declared', () => {
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        expect(Object.keys(op.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
        for (const name of path.match(/\{(\w+)\}/g) ?? []) {
          const param = (op.parameters ?? []).find(
            (p: any) => p.in === 'path' && `{${p.name}}` === name,
          );
          expect(param, `${method} ${path} declares ${name}`).toBeDefined();
          expect(param.required).toBe(true);
        }
      }
    }
  });

  it('the idempotent writes declare the Idempotency-Key header as required, once', () => {
    for (const [method, path] of [
      ['post', '/api/counter/redemptions'],
      ['post', '/api/staff/awards'],
      ['post', '/api/staff/entries/{id}/reverse'],
    ] as const) {
      const headers = (doc.paths[path][method].parameters ?? []).filter(
        (p: any) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key',
      );
      expect(headers, `${method} ${path}`).toHaveLength(1);
      expect(headers[0].required).toBe(true);
    }
  });

  it('every $ref resolves inside the document', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const raw of refs) {
      const ref = raw.slice(8, -1);
      expect(ref.startsWith('#/')).toBe(true);
      let node: any = doc;
      for (const part of ref.slice(2).split('/'))
        node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      expect(node, ref).toBeDefined();
    }
  });

  it('documents the error object and the security schemes of signed-in routes', () => {
    expect(doc.components.schemas.Error).toBeDefined();
    expect(Object.keys(doc.components.securitySchemes ?? {}).length).toBeGreaterThan(0);
    expect(doc.paths['/api/me'].get.security?.length).toBeGreaterThan(0);
    // Public operations say so explicitly (no scheme needed), rather than leaving it unstated.
    expect(doc.paths['/api/health'].get.security).toEqual([]);
  });

  it('the bodies of writes are JSON and documented', () => {
    for (const [method, path] of [
      ['post', '/api/auth/login'],
      ['post', '/api/counter/redemptions'],
      ['post', '/api/staff/awards'],
      ['post', '/api/staff/entries/{id}/reverse'],
    ] as const) {
      expect(
        doc.paths[path][method].requestBody?.content?.['application/json']?.schema,
        `${method} ${path}`,
      ).toBeDefined();
    }
  });
});
