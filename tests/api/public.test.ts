import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../functions/domain/ledger/verify';
import { bodyOf, client } from '../helpers/client';
import { PIN } from '../helpers/fixture';
import { awardVia, call, loginAs, newKey, useWorld } from '../helpers/http';

describe('public endpoints (no sign-in)', () => {
  const w = useWorld();

  it('GET /api/health → 200 {"ok": true}', async () => {
    expect(await bodyOf(await client(w.app).health.$get({ query: {} }), 200)).toEqual({ ok: true });
  });

  it('GET /api/public/ledger/head: entries, a sha-256 head that moves with every entry, and the time of the last', async () => {
    const ledgerHead = async () =>
      bodyOf(await client(w.app).public.ledger.head.$get({ query: {} }), 200);
    const empty = await ledgerHead();
    expect(empty).toMatchObject({ entries: 0, head: '0'.repeat(64) });
    const staff = await loginAs(w.app, 'staff');
    const heads = new Set([empty.head]);
    for (let i = 1; i <= 3; i++) {
      w.time.advance(60_000);
      await awardVia(w, staff, w.f.residents[0]!, 10);
      const head = await ledgerHead();
      expect(head.entries).toBe(i);
      expect(head.head).toMatch(/^[0-9a-f]{64}$/);
      expect(head.at).toBe(w.time.now.toISOString());
      heads.add(head.head);
    }
    expect(heads.size).toBe(4);
    const report = await verifyLedger(w.t.database.read);
    expect((await ledgerHead()).head).toBe(report.head);
  });

  it('GET /api/public/stats: totals only, never a person', async () => {
    const staff = await loginAs(w.app, 'staff');
    await awardVia(w, staff, w.f.residents[0]!, 100);
    await awardVia(w, staff, w.f.residents[1]!, 50);
    const m1 = await loginAs(w.app, 'm1');
    await client(w.app, { token: m1 }).counter.redemptions.$post({
      header: { 'idempotency-key': newKey() },
      json: { card: w.f.cards[0]!, pin: PIN, points: 30 },
    });
    const r2 = await loginAs(w.app, 'r2');
    await client(w.app, { token: r2 }).me.transfers.$post({
      header: { 'idempotency-key': newKey() },
      json: { to: 'pool', points: 20 },
    });
    const res = await bodyOf(await client(w.app).public.stats.$get({ query: {} }), 200);
    expect(res).toMatchObject({
      issued: 150,
      redeemed: 30,
      expired: 0,
      outstanding: 120,
      pool: 20,
    });
    expect(typeof res.volunteers).toBe('number');
    expect(typeof res.hours).toBe('number');
    const text = JSON.stringify(res);
    for (const secret of ['张三华', '李秀英', '王建国', 'r1', 'r2', 'C9001', '明亮眼镜店'])
      expect(text).not.toContain(secret);
    for (const value of Object.values(res)) expect(typeof value).toBe('number');
  });

  it('unknown paths under /api → 404 JSON not_found', async () => {
    // A path outside AppType, on purpose.
    const res = await call(w.app, 'GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });
});
