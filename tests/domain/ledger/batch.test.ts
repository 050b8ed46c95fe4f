import { describe, expect, it } from 'vitest';
import { type RedeemInput, redeem, redeemMany } from '../../../functions/domain/ledger/commands';
import type { Actor } from '../../../functions/domain/records/audit';
import { DomainError } from '../../../functions/domain/shared/errors';
import {
  type Item,
  one,
  refused,
  type Settled,
  settledValue,
} from '../../../functions/domain/shared/settled';
import { balanceOf, expectLedgerInvariants, grant } from '../../helpers/ledger';
import { useSeededCommunity, withAnotherCopy } from '../../helpers/template';

const now = new Date('2026-03-09T02:00:00Z');

describe('a ledger write as a batch, and its single call', () => {
  const t = useSeededCommunity();

  it('one refused item does not stop the others; the single call throws that same refusal', async () => {
    const m2 = t.fixture.merchants[1]!;
    const order = (merchantId: number, input: RedeemInput): Item<Actor, RedeemInput> => ({
      actor: { actorId: merchantId, now },
      input,
    });
    const orders = [
      order(t.m1, { residentId: t.r1, points: 30 }), // 50 → 20
      order(t.m1, { residentId: t.r1, points: 30 }), // 20 left: refused
      order(m2, { residentId: 9999, points: 1 }), // nobody: refused
      order(m2, { residentId: t.r1, points: 20 }), // 20 → 0
    ];
    await grant(t.database, t.staffId, t.r1, 50, now);
    const together = await t.database.write((tx) => redeemMany(tx, orders));
    expect(together.map((s) => (s.ok ? s.value.balanceAfter : s.code))).toEqual([
      20,
      'insufficient_points',
      'not_found',
      0,
    ]);
    expect(await balanceOf(t.database, t.r1)).toBe(0);

    await withAnotherCopy(async (other) => {
      await grant(other.database, t.staffId, t.r1, 50, now);
      const alone: Array<unknown> = [];
      for (const { actor, input } of orders)
        alone.push(
          await other.database.write((tx) => redeem(tx, actor, input)).catch((e: unknown) => e),
        );
      expect(alone[1]).toBeInstanceOf(DomainError);
      expect(alone[2]).toBeInstanceOf(DomainError);
      for (const i of [1, 2]) {
        const refusal = together[i] as Extract<Settled<unknown>, { ok: false }>;
        const thrown = alone[i] as DomainError;
        expect({ code: thrown.code, message: thrown.message, details: thrown.details }).toEqual({
          code: refusal.code,
          message: refusal.message,
          details: refusal.error?.details,
        });
      }
      expect(alone.filter((a) => !(a instanceof DomainError))).toEqual(
        together.flatMap((s) => (s.ok ? [s.value] : [])),
      );
    });
    await expectLedgerInvariants(t.database);
  });

  it('one(batch) answers the item’s value, or throws the very refusal the batch settled it with', async () => {
    const no = new DomainError('insufficient_points', '积分不足', { balance: 3 });
    const batch = async (_tx: null, items: Array<Item<string, number>>) =>
      items.map(({ actor, input }) =>
        input > 0 ? settledValue(`${actor}:${input}`) : refused(no),
      );
    const single = one(batch);
    expect(await single(null, 'a', 2)).toBe('a:2');
    await expect(single(null, 'a', 0)).rejects.toBe(no);
    expect(refused(no)).toMatchObject({
      ok: false,
      code: 'insufficient_points',
      message: '积分不足',
      facts: { balance: 3 },
    });
  });
});
