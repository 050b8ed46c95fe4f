import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { award, redeem } from '../../../functions/domain/ledger/commands';
import { IDEMPOTENCY_KEY_PATTERN, idempotent } from '../../../functions/domain/ledger/idempotency';
import { DomainError } from '../../../functions/domain/shared/errors';
import { balanceOf, expectLedgerInvariants, grant, rows, snapshot } from '../../helpers/ledger';
import { useSeededCommunity } from '../../helpers/template';

const now = new Date('2026-03-09T02:00:00Z');

describe('idempotent()', () => {
  const t = useSeededCommunity();

  const awardOnce = (
    key: string,
    points: number,
    scope = 'staff:award',
    body: unknown = { points },
  ) =>
    t.database.write((tx) =>
      idempotent(tx, { scope, key, body, now }, () =>
        award(
          tx,
          { actorId: t.fixture.staffId, now },
          { residentId: t.fixture.residents[0]!, points, reason: 'x' },
        ),
      ),
    );

  it('runs once; a replay returns the stored outcome without running again', async () => {
    const first = await awardOnce('key-00000001', 40);
    expect(first).toEqual({ ok: true, value: { id: 1, balanceAfter: 40 }, replayed: false });
    let ran = false;
    const replay = await t.database.write((tx) =>
      idempotent(
        tx,
        { scope: 'staff:award', key: 'key-00000001', body: { points: 40 }, now },
        async () => {
          ran = true;
          return { id: -1, balanceAfter: -1 };
        },
      ),
    );
    expect(ran).toBe(false);
    expect(replay).toEqual({ ok: true, value: { id: 1, balanceAfter: 40 }, replayed: true });
    expect(await balanceOf(t.database, t.fixture.residents[0]!)).toBe(40);
    await expectLedgerInvariants(t.database);
  });

  it('the fingerprint ignores key order but not values', async () => {
    await awardOnce('key-00000002', 10, 's', { a: 1, b: { c: 2, d: [1, 2] } });
    const same = await awardOnce('key-00000002', 10, 's', { b: { d: [1, 2], c: 2 }, a: 1 });
    expect(same.replayed).toBe(true);
    await expect(
      awardOnce('key-00000002', 10, 's', { a: 1, b: { c: 2, d: [2, 1] } }),
    ).rejects.toMatchObject({ code: 'idempotency_mismatch' });
  });

  it('the same key with a different body is refused, stores nothing and moves nothing', async () => {
    await awardOnce('key-00000003', 40);
    const before = await snapshot(t.database);
    const error = await awardOnce('key-00000003', 41).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('idempotency_mismatch');
    expect(await snapshot(t.database)).toEqual(before);
  });

  it('keys are scoped: the same key in another scope is another request', async () => {
    await awardOnce('key-00000004', 10, 'scope-a');
    const other = await awardOnce('key-00000004', 10, 'scope-b');
    expect(other.replayed).toBe(false);
    expect(await balanceOf(t.database, t.fixture.residents[0]!)).toBe(20);
  });

  it('a refusal is stored and replays as the same refusal even once it would succeed', async () => {
    const [r1] = t.fixture.residents as [number];
    const redeemOnce = () =>
      t.database.write((tx) =>
        idempotent(tx, { scope: 'm1:redeem', key: 'key-00000005', body: { points: 30 }, now }, () =>
          redeem(tx, { actorId: t.fixture.merchants[0]!, now }, { residentId: r1, points: 30 }),
        ),
      );
    const refused = await redeemOnce();
    expect(refused).toMatchObject({ ok: false, code: 'insufficient_points', replayed: false });
    await grant(t.database, t.fixture.staffId, r1, 100, now);
    const replay = await redeemOnce();
    expect(replay).toEqual({ ...refused, replayed: true });
    expect(await balanceOf(t.database, r1)).toBe(100);
    await expectLedgerInvariants(t.database);
  });

  it('an unexpected error rolls everything back and stores no outcome', async () => {
    const before = await snapshot(t.database);
    await expect(
      t.database.write((tx) =>
        idempotent(tx, { scope: 's', key: 'key-00000006', body: {}, now }, async () => {
          await award(
            tx,
            { actorId: t.fixture.staffId, now },
            { residentId: t.fixture.residents[0]!, points: 10, reason: 'x' },
          );
          throw new Error('crash after moving points');
        }),
      ),
    ).rejects.toThrow('crash');
    expect(await snapshot(t.database)).toEqual(before);
    // A retry after the crash runs for real.
    expect((await awardOnce('key-00000006', 10, 's', {})).replayed).toBe(false);
  });

  it('concurrent replays of one key in one process move points exactly once', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => awardOnce('key-00000007', 25)),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => JSON.stringify({ ...r, replayed: undefined }))).size).toBe(1);
    expect(await balanceOf(t.database, t.fixture.residents[0]!)).toBe(25);
    const [count] = await rows<{ n: number }>(
      t.database.read,
      sql`select count(*) as n from idempotency_keys`,
    );
    expect(Number(count!.n)).toBe(1);
    await expectLedgerInvariants(t.database);
  });
});

describe('IDEMPOTENCY_KEY_PATTERN', () => {
  it.each(['abcdefgh', 'A1_b2-C3', 'x'.repeat(128), 'c0ffee-2026-11-25-0001'])(
    'accepts %s',
    (key) => expect(IDEMPOTENCY_KEY_PATTERN.test(key)).toBe(true),
  );
  it.each([
    '',
    'abcdefg',
    'x'.repeat(129),
    'has space',
    'dot.dot.dot',
    'slash/slash',
    'ключключключ',
    'abcdefgh\n',
  ])('refuses %j', (key) => expect(IDEMPOTENCY_KEY_PATTERN.test(key)).toBe(false));
});
