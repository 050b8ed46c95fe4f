import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client';
import { CODE_TTL_MS, issueRedeemCode } from '../../../functions/domain/counter/codes';
import {
  type CodeRedemption,
  redeemCodesAtCounter,
} from '../../../functions/domain/counter/redemption';
import {
  codeRedemptions,
  type IdempotentRedemption,
} from '../../../functions/domain/counter/redemption-batches';
import type { Actor } from '../../../functions/domain/records/audit';
import type { Item, Settled } from '../../../functions/domain/shared/settled';
import { expectLedgerInvariants, grant, rows } from '../../helpers/ledger';
import { type SeededDatabase, useSeededCommunity, withAnotherCopy } from '../../helpers/template';

const now = new Date('2026-03-09T02:00:00Z');

/**
 * The counter's redemptions by code applied together (one group commit's worth, db/client.ts
 * WriteBatch): each must be answered, and leave the ledger, exactly as if they had run one after
 * the other — which is checked against a copy of the same community where they do.
 */
describe('redemptions by code, several at once', () => {
  const t = useSeededCommunity();

  /** The same community on both databases: points and codes (issued in the same order, so the same ids). */
  async function prepare(database: Database, fixture: SeededDatabase['fixture']) {
    const [r1, r2, r3] = fixture.residents as [number, number, number];
    await grant(database, fixture.staffId, r1, 50, now);
    await grant(database, fixture.staffId, r2, 10, now);
    const issue = (residentId: number, at: Date) =>
      database.write((tx) => issueRedeemCode(tx, residentId, at));
    const old = await issue(r3, new Date(now.getTime() - CODE_TTL_MS - 1000));
    return {
      a: await issue(r1, now),
      b: await issue(r1, now),
      c: await issue(r2, now),
      expired: old.code,
    };
  }

  /** Everything a redemption writes, as rows. */
  async function written(database: Database) {
    return {
      entries: await rows(
        database.read,
        sql`select id, at, kind, memo, actor_id, prev_hash, hash from ledger_entries order by id`,
      ),
      postings: await rows(
        database.read,
        sql`select entry_id, account_id, amount, balance_after from postings order by id`,
      ),
      balances: await rows(database.read, sql`select id, balance from accounts order by id`),
      codes: await rows(
        database.read,
        sql`select id, used_at, entry_id from redeem_codes order by id`,
      ),
      keys: await rows(
        database.read,
        sql`select scope, key, fingerprint, outcome, created_at from idempotency_keys order by scope, key`,
      ),
      guesses: await rows(
        database.read,
        sql`select merchant_id, at, kind from counter_guesses order by id`,
      ),
    };
  }

  const outcome = (r: Settled<unknown> | undefined) => (r?.ok ? r.value : r?.code);
  /** A redemption by code at a merchant's counter, at a time. */
  const order = (
    merchantId: number,
    input: CodeRedemption,
    at: Date,
  ): Item<Actor, CodeRedemption> => ({ actor: { actorId: merchantId, now: at }, input });

  it('answers each and writes what redeeming them one after another does', async () => {
    const m1 = t.fixture.merchants[0]!;
    const m2 = t.fixture.merchants[1]!;
    const at = (ms: number) => new Date(now.getTime() + ms);
    // Codes are random: each database's own, in the same places.
    const scenario = (codes: Awaited<ReturnType<typeof prepare>>) => [
      order(m1, { code: codes.a.code, points: 30 }, at(1)), // r1: 50 → 20
      order(m2, { code: codes.b.code, points: 30 }, at(2)), // r1 has 20: refused, code b stays unused
      order(m1, { code: codes.c.code, points: 10, note: '  理发 ' }, at(3)), // r2: 10 → 0
      order(m2, { code: codes.expired, points: 1 }, at(4)),
      order(m1, { code: '12345', points: 1 }, at(5)), // never issued
    ];
    const reqs = scenario(await prepare(t.database, t.fixture));
    const together = await t.database.write((tx) => redeemCodesAtCounter(tx, reqs));

    await withAnotherCopy(async (other) => {
      const alone: Array<Settled<unknown> | undefined> = [];
      for (const req of scenario(await prepare(other.database, other.fixture)))
        alone.push(
          await other.database.write(async (tx) => (await redeemCodesAtCounter(tx, [req]))[0]),
        );
      expect(together.map(outcome)).toEqual(alone.map(outcome));
      expect(together.map((r) => (r.ok ? r.value.balanceAfter : r.code))).toEqual([
        20,
        'insufficient_points',
        0,
        'code_expired',
        'code_invalid',
      ]);
      expect(await written(t.database)).toEqual(await written(other.database));
    });
    await expectLedgerInvariants(t.database);
  });

  it('a code given twice in one call throws, so that the writer applies the two one at a time', async () => {
    const codes = await prepare(t.database, t.fixture);
    const req = order(t.fixture.merchants[0]!, { code: codes.a.code, points: 1 }, now);
    await expect(t.database.write((tx) => redeemCodesAtCounter(tx, [req, req]))).rejects.toThrow(
      'given twice',
    );
    // Through the writer: the first uses the code, the second finds it used.
    const answers = await Promise.allSettled(
      [0, 1].map((i) => t.database.writeBatch(codeRedemptions, item(req, `twice-${i}-key`))),
    );
    expect(
      answers.map((a) => (a.status === 'fulfilled' ? (a.value.ok ? 'ok' : a.value.code) : 'threw')),
    ).toEqual(['ok', 'code_used']);
    await expectLedgerInvariants(t.database);
  });

  function item(
    redemption: Item<Actor, CodeRedemption>,
    key: string,
    body: unknown = { code: redemption.input.code, points: redemption.input.points },
  ): IdempotentRedemption<CodeRedemption> {
    return {
      idempotency: {
        scope: `${redemption.actor.actorId}:counter.redeem`,
        key,
        body,
        now: redemption.actor.now,
      },
      redemption,
    };
  }

  it('with idempotency: a replay answers as the first time, a different body under a used key is refused, a key twice falls back', async () => {
    const codes = await prepare(t.database, t.fixture);
    const m1 = t.fixture.merchants[0]!;
    const first = item(order(m1, { code: codes.a.code, points: 5 }, now), 'key-first-0001');
    const done = await t.database.writeBatch(codeRedemptions, first);
    expect(done).toMatchObject({ ok: true, replayed: false, value: { balanceAfter: 45 } });

    const replay = await t.database.write((tx) =>
      codeRedemptions.apply(tx, [
        first,
        item(order(m1, { code: codes.c.code, points: 4 }, now), 'key-fresh-0002'),
      ]),
    );
    expect(replay[0]).toEqual({ ok: true, value: { ...done, replayed: true } }); // nothing moves
    expect(replay[1]).toMatchObject({
      ok: true,
      value: { ok: true, replayed: false, value: { balanceAfter: 6 } },
    });
    const before = await written(t.database);
    const mismatch = await t.database.write((tx) =>
      codeRedemptions.apply(tx, [
        item(order(m1, { code: codes.b.code, points: 5 }, now), 'key-first-0001', {
          code: codes.b.code,
          points: 5,
        }),
      ]),
    );
    expect(mismatch[0]).toMatchObject({ ok: false, error: { code: 'idempotency_mismatch' } });
    expect(await written(t.database)).toEqual(before);

    const again = item(order(m1, { code: codes.b.code, points: 1 }, now), 'key-twice-0003');
    await expect(
      t.database.write((tx) => codeRedemptions.apply(tx, [again, again])),
    ).rejects.toThrow('used twice');
    const both = await Promise.all([
      t.database.writeBatch(codeRedemptions, again),
      t.database.writeBatch(codeRedemptions, again),
    ]);
    expect(both.map((b) => b.replayed)).toEqual([false, true]);
    expect(both[1]).toEqual({ ...both[0], replayed: true });
    const { totals } = await expectLedgerInvariants(t.database);
    expect(totals.redeemed).toBe(5 + 4 + 1);
  });
});
