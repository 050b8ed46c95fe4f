import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client';
import { redeem } from '../../functions/domain/ledger/commands';
import { idempotent } from '../../functions/domain/ledger/idempotency';
import { answerOf, bodyOf, client } from '../helpers/client';
import { PIN } from '../helpers/fixture';
import { awardVia, expectError, loginAs, newKey, useWorld, type World } from '../helpers/http';
import { balanceOf, expectLedgerInvariants, rows } from '../helpers/ledger';

const header = (prefix?: string) => ({ 'idempotency-key': newKey(prefix) });
const codeFor = async (w: World, token: string) =>
  (await bodyOf(await client(w.app, { token }).me['redeem-codes'].$post(), 201)).code;
/** Every answer that is not `ok` is the refusal `status` / `code`. */
async function expectRefusals(
  results: Array<Parameters<typeof answerOf>[0]>,
  ok: number,
  status: number,
  code: string,
) {
  for (const r of results.filter((r) => r.status !== ok))
    expectError(await answerOf(r), status, code);
}

/**
 * Concurrency against a real database file. In one process the app's writes share the queue in
 * db/client.ts; two clients on one file (two processes or isolates, no shared queue) must still
 * never take a balance below zero or fork the chain — the losers get an error instead.
 */
describe('parallel redemptions through the app (one process, one file)', () => {
  const w = useWorld();

  it('100 points, 40 parallel redemptions of 10 with distinct keys → exactly 10 succeed, 30 get 409 insufficient_points', async () => {
    await awardVia(w, await loginAs(w.app, 'staff'), w.f.residents[0]!, 100);
    const m1 = await loginAs(w.app, 'm1');
    const m2 = await loginAs(w.app, 'm2');
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        client(w.app, { token: i % 2 ? m1 : m2 }).counter.redemptions.$post({
          header: header('par'),
          json: { card: w.f.cards[0]!, pin: PIN, points: 10 },
        }),
      ),
    );
    const statuses = results.map((r): number => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(30);
    await expectRefusals(results, 201, 409, 'insufficient_points');
    const winners = await Promise.all(
      results.filter((r) => r.status === 201).map((r) => bodyOf(r, 201)),
    );
    const after = winners.map((r) => r.balanceAfter).sort((a, b) => a - b);
    expect(after).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(0);
    expect(
      (await balanceOf(w.t.database, w.f.merchants[0]!)) +
        (await balanceOf(w.t.database, w.f.merchants[1]!)),
    ).toBe(100);
    const { totals, report } = await expectLedgerInvariants(w.t.database);
    expect(report.entries).toBe(11);
    expect(totals).toEqual({ issued: 100, redeemed: 100, expired: 0, outstanding: 0 });
  });

  it('parallel redemptions by code (applied together in a group) answer as one after another would', async () => {
    await awardVia(w, await loginAs(w.app, 'staff'), w.f.residents[0]!, 100);
    const r1 = await loginAs(w.app, 'r1');
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => codeFor(w, r1)));
    const counter = client(w.app, { token: await loginAs(w.app, 'm1') }).counter;
    const redeem = (code: string, key: string) =>
      counter.redemptions.$post({ header: { 'idempotency-key': key }, json: { code, points: 40 } });
    const [first, secondUse, once, replay, short] = await Promise.all([
      redeem(a!, newKey('a1')),
      redeem(a!, newKey('a2')),
      redeem(b!, 'same-key-b'),
      redeem(b!, 'same-key-b'),
      redeem(c!, newKey('c')),
    ]);
    expect(first.status).toBe(201);
    expectError(await answerOf(secondUse), 409, 'code_used');
    expect([once.status, replay.status]).toEqual([201, 201]);
    expect([
      once.headers.get('idempotent-replayed'),
      replay.headers.get('idempotent-replayed'),
    ]).toEqual(['false', 'true']);
    const [firstBody, onceBody] = [await bodyOf(first, 201), await bodyOf(once, 201)];
    expect(await bodyOf(replay, 201)).toEqual(onceBody);
    expectError(await answerOf(short), 409, 'insufficient_points'); // 100 − 40 − 40 leaves 20
    expect([firstBody.balanceAfter, onceBody.balanceAfter]).toEqual([60, 20]);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(20);
    const { totals } = await expectLedgerInvariants(w.t.database);
    expect(totals).toEqual({ issued: 100, redeemed: 80, expired: 0, outstanding: 20 });
  });

  it('parallel mixed traffic (awards, redemptions by code and card, transfers, reversals) keeps every invariant', async () => {
    const staff = client(w.app, { token: await loginAs(w.app, 'staff') }).staff;
    const [r1, r2, r3] = await Promise.all(['r1', 'r2', 'r3'].map((l) => loginAs(w.app, l)));
    const counter = client(w.app, { token: await loginAs(w.app, 'm1') }).counter;
    for (const id of w.f.residents)
      await staff.awards.$post({
        header: header(),
        json: { residentId: id, points: 60, reason: '志愿服务' },
      });
    const codes = await Promise.all([r1, r2, r3].map((t) => codeFor(w, t!)));
    const jobs: Array<Promise<{ status: number }>> = [];
    for (let i = 0; i < 12; i++) {
      jobs.push(
        counter.redemptions.$post({
          header: header(),
          json: { card: w.f.cards[i % 3]!, pin: PIN, points: 15 },
        }),
      );
      jobs.push(
        client(w.app, { token: [r1, r2, r3][i % 3]! }).me.transfers.$post({
          header: header(),
          json: { to: w.f.residents[(i + 1) % 3]!, points: 20 },
        }),
      );
      jobs.push(
        staff.awards.$post({
          header: header(),
          json: { residentId: w.f.residents[i % 3]!, points: 5, reason: '巡防' },
        }),
      );
      jobs.push(
        staff.entries[':id'].reverse.$post({
          param: { id: String(1 + (i % 3)) },
          header: header(),
          json: { reason: '并发冲正' },
        }),
      );
    }
    for (const code of codes)
      for (let k = 0; k < 3; k++)
        jobs.push(counter.redemptions.$post({ header: header(), json: { code, points: 1 } }));
    const results = await Promise.all(jobs);
    for (const r of results) expect([201, 409, 422]).toContain(r.status);
    // Each code is used at most once, each award reversed at most once.
    const used = await rows<{ n: number }>(
      w.t.database.read,
      sql`select count(*) as n from redeem_codes where used_at is not null`,
    );
    expect(Number(used[0]!.n)).toBeLessThanOrEqual(3);
    const reversals = await rows<{ reverses_id: number; n: number }>(
      w.t.database.read,
      sql`select reverses_id, count(*) as n from ledger_entries where reverses_id is not null group by reverses_id`,
    );
    for (const r of reversals) expect(Number(r.n)).toBe(1);
    await expectLedgerInvariants(w.t.database);
  });
});

describe('races on one thing (one process)', () => {
  const w = useWorld(['staff']);
  const staff = () => client(w.app, { token: w.tokens.staff }).staff;

  it('one code, ten parallel redemptions at two counters → one succeeds, the rest 409 code_used, points move once', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const [m1, m2] = await Promise.all(['m1', 'm2'].map((l) => loginAs(w.app, l)));
    const code = await codeFor(w, await loginAs(w.app, 'r1'));
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        client(w.app, { token: (i % 2 ? m1 : m2)! }).counter.redemptions.$post({
          header: header('code'),
          json: { code, points: 30 },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    await expectRefusals(results, 201, 409, 'code_used');
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(70);
    await expectLedgerInvariants(w.t.database);
  });

  it('one entry, ten parallel reversals → one succeeds, the rest 409 already_reversed', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 100);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        staff().entries[':id'].reverse.$post({
          param: { id: '1' },
          header: header('rev'),
          json: { reason: '重复' },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    await expectRefusals(results, 201, 409, 'already_reversed');
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(0);
    await expectLedgerInvariants(w.t.database);
  });

  it('the daily cap holds under parallel awards: 10 × 10 points against a cap of 50 → exactly 5', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        staff().awards.$post({
          header: header('cap'),
          json: {
            residentId: w.f.residents[0]!,
            points: 10,
            reason: '巡防',
            activityId: w.f.activityId,
          },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    await expectRefusals(results, 201, 422, 'daily_cap_exceeded');
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(50);
  });

  it('parallel transfers out of one account never overdraw it', async () => {
    await awardVia(w, w.tokens.staff, w.f.residents[0]!, 55);
    const me = client(w.app, { token: await loginAs(w.app, 'r1') }).me;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        me.transfers.$post({
          header: header('tr'),
          json: { to: i % 2 ? 'pool' : w.f.residents[1]!, points: 10 },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(await balanceOf(w.t.database, w.f.residents[0]!)).toBe(5);
    await expectLedgerInvariants(w.t.database);
  });
});

describe('two database clients on one file (no shared queue)', () => {
  const w = useWorld();
  let other: Database;
  beforeEach(() => {
    other = createDatabase({ url: w.t.url });
  });
  afterEach(() => other.close());

  it('racing redemptions: never negative, no fork in the chain; losers get an error, not corruption', async () => {
    const { residents, merchants } = w.f;
    const [r1] = residents as [number];
    await awardVia(w, await loginAs(w.app, 'staff'), r1, 100);
    const now = new Date('2026-03-09T02:00:00Z');
    const clients = [w.t.database, other];
    const attempts = Array.from({ length: 16 }, (_, i) => {
      const db = clients[i % 2]!;
      const merchantId = merchants[i % 2]!;
      return db
        .write((tx) =>
          idempotent(
            tx,
            {
              scope: `${merchantId}:counter.redeem`,
              key: `race-${String(i).padStart(4, '0')}`,
              body: { i },
              now,
            },
            () => redeem(tx, { actorId: merchantId, now }, { residentId: r1, points: 15 }),
          ),
        )
        .then(
          (outcome) => (outcome.ok ? 'ok' : outcome.code),
          (error: {
            code?: string;
            message?: string;
            cause?: { code?: string; message?: string };
          }) => `error:${error.code ?? error.cause?.code ?? error.message}`,
        );
    });
    const outcomes = await Promise.all(attempts);
    const ok = outcomes.filter((o) => o === 'ok').length;
    const errors = outcomes.filter((o) => o.startsWith('error:'));
    // 100 points cover at most 6 redemptions of 15.
    expect(ok).toBeLessThanOrEqual(6);
    expect(ok).toBeGreaterThan(0);
    for (const o of outcomes)
      expect(
        o === 'ok' ||
          o === 'insufficient_points' ||
          /SQLITE_BUSY|SQLITE_LOCKED|SQLITE_CONSTRAINT|UNIQUE|CHECK|locked/i.test(o),
        o,
      ).toBe(true);
    expect(await balanceOf(w.t.database, r1)).toBe(100 - ok * 15);
    const forks = await rows(
      w.t.database.read,
      sql`select prev_hash, count(*) as n from ledger_entries group by prev_hash having n > 1`,
    );
    expect(forks).toEqual([]);
    const [keys] = await rows<{ n: number }>(
      w.t.database.read,
      sql`select count(*) as n from idempotency_keys where key like 'race-%'`,
    );
    // Every answered attempt stored its outcome exactly once; failed ones stored nothing.
    expect(Number(keys!.n)).toBe(outcomes.length - errors.length);
    await expectLedgerInvariants(w.t.database);
    // The other client sees the same, consistent ledger.
    await expectLedgerInvariants(other);
  });

  it('a write from the second client while the first holds the write lock fails cleanly and leaves no trace', async () => {
    const [r1] = w.f.residents as [number];
    await awardVia(w, await loginAs(w.app, 'staff'), r1, 50);
    const now = new Date('2026-03-09T02:00:00Z');
    const tx = await w.t.database.client.transaction('write');
    try {
      await tx.execute({ sql: 'update accounts set balance = balance where id = 1', args: [] });
      const loser = await other
        .write((db) =>
          redeem(db, { actorId: w.f.merchants[0]!, now }, { residentId: r1, points: 10 }),
        )
        .then(
          () => 'ok',
          (e: { code?: string; cause?: { code?: string } }) => e.code ?? e.cause?.code ?? 'error',
        );
      expect(loser).toMatch(/SQLITE_BUSY/);
    } finally {
      await tx.rollback();
      tx.close();
    }
    expect(await balanceOf(w.t.database, r1)).toBe(50);
    // Once the lock is free the second client writes normally.
    const done = await other.write((db) =>
      redeem(db, { actorId: w.f.merchants[0]!, now }, { residentId: r1, points: 10 }),
    );
    expect(done.balanceAfter).toBe(40);
    await expectLedgerInvariants(w.t.database);
  });
});
