import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../functions/app';
import worker from '../../../functions/worker';
import { call, clock, loginAs } from '../../helpers/api';
import { bodyOf, client } from '../../helpers/client';
import { useSeededCommunity } from '../../helpers/template';
import { BASE, sample } from './helpers';

const t = useSeededCommunity();
afterEach(() => vi.unstubAllGlobals());

describe('onPublish', () => {
  it('a failing hook never fails the publish, which has committed', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const app = createApp({
      database: t.database,
      now: () => clock().now,
      onPublish: () => {
        throw new Error('hook down');
      },
    });
    const token = await loginAs(app, 'staff');
    const records = client(app, { token }).staff.records;
    const body = await bodyOf(await records.funds.$post({ json: sample.fund() }), 201);
    const res = await call(app, 'POST', `${BASE}/funds/${body.id}/publish`, { token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'published' });
    expect(errors).toHaveBeenCalledWith('onPublish failed', expect.any(Error));
    errors.mockRestore();
  });

  it("hands the hook the edge's waitUntil when there is an execution context", async () => {
    const waited: Array<Promise<unknown>> = [];
    const app = createApp({
      database: t.database,
      now: () => clock().now,
      onPublish: (_event, context) => context?.waitUntil?.(Promise.resolve('sent')),
    });
    const token = await loginAs(app, 'staff');
    const records = client(app, { token }).staff.records;
    const body = await bodyOf(await records.funds.$post({ json: sample.fund() }), 201);
    const ctx = {
      waitUntil: (p: Promise<unknown>) => void waited.push(p),
      passThroughOnException: () => undefined,
      props: {},
    };
    const res = await app.request(
      `${BASE}/funds/${body.id}/publish`,
      { method: 'POST', headers: { authorization: `Bearer ${token}` } },
      {},
      ctx,
    );
    expect(res.status).toBe(200);
    expect(await Promise.all(waited)).toEqual(['sent']);
  });
});

describe('the Worker shell', () => {
  it('a publish through the Worker calls no hook at once: the next cron run calls DEPLOY_HOOK_URL once', async () => {
    const hooks: Array<{ url: string; body: unknown }> = [];
    const realFetch = globalThis.fetch;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.startsWith('https://hooks.example/')) return realFetch(input, init);
      hooks.push({ url, body: JSON.parse(String(init?.body)) });
      return new Response('{}', { status: 200 });
    });
    const env = {
      DATABASE_URL: t.url,
      DEPLOY_HOOK_URL: 'https://hooks.example/deploy/abc',
      ASSETS: { fetch: async () => new Response('site') },
    };
    const waited: Array<Promise<unknown>> = [];
    const ctx = {
      waitUntil: (p: Promise<unknown>) => void waited.push(p),
      passThroughOnException: () => undefined,
    };
    const send = async (method: string, path: string, token?: string, body?: unknown) => {
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await worker.fetch(
        new Request(`https://linli.example${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
        env,
        ctx,
      );
      return { status: res.status, body: await res.json() };
    };
    const login = await send('POST', '/api/auth/login', undefined, {
      login: 'staff',
      password: 'test-password',
    });
    const token = login.body.token as string;
    const fund = await send('POST', `${BASE}/funds`, token, sample.fund());
    expect(fund.status).toBe(201);
    expect(waited).toEqual([]);
    expect((await send('POST', `${BASE}/funds/${fund.body.id}/publish`, token)).status).toBe(200);
    await Promise.all(waited);
    expect(hooks).toEqual([]);
    // Publishes are coalesced by the Cron Trigger (functions/domain/jobs/site-hook.ts).
    const logged = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const scheduled: Array<Promise<unknown>> = [];
    worker.scheduled({}, env as never, { waitUntil: (p) => void scheduled.push(p) });
    await Promise.all(scheduled);
    logged.mockRestore();
    expect(hooks.map((h) => h.url)).toEqual(['https://hooks.example/deploy/abc']);
    const [status] = (await t.database.read.all(
      sql`select status from funds where id = ${fund.body.id}`,
    )) as Array<{ status: string }>;
    expect(status!.status).toBe('published');
  });
});
