import type { WriteBatch } from '../../../db/client';
import { type IdempotencyRequest, idempotentBatch } from '../ledger/idempotency';
import type { Actor } from '../records/audit';
import { type Item, refusalError, type Settled, settle } from '../shared/settled';
import {
  type CardRedemption,
  type CodeRedemption,
  codeReadsOf,
  type Redemption,
  readCardRedemption,
  readCodeRedemptions,
  redeemByCard,
  redeemCodesAtCounter,
} from './redemption';

/** A counter redemption behind its Idempotency-Key: by code or by card. */
export interface IdempotentRedemption<R> {
  idempotency: IdempotencyRequest;
  redemption: Item<Actor, R>;
}

/**
 * An outcome stored under its key is the item's answer, a refusal included (its spent guess is
 * committed with it); one that stored nothing (a mismatched body, a TryLater) fails the item.
 */
const answers = (settled: Array<Settled<Redemption>>) =>
  settled.map((s) =>
    s.replayed === undefined && !s.ok
      ? { ok: false as const, error: refusalError(s) }
      : { ok: true as const, value: s },
  );

/**
 * The counter's redemptions by code, each once per Idempotency-Key, applied together when they
 * share a group commit (Database.writeBatch): the busiest write of the portal, in a few statements
 * per group rather than a dozen per redemption. The redemptions' reads go out with the read of the
 * stored outcomes: on a remote database, one round trip before the write's own.
 */
export const codeRedemptions: WriteBatch<
  IdempotentRedemption<CodeRedemption>,
  Settled<Redemption>
> = {
  apply: async (tx, items) =>
    answers(
      await idempotentBatch(
        tx,
        items.map((item) => item.idempotency),
        (fresh, reads) =>
          redeemCodesAtCounter(
            tx,
            fresh.map((i) => items[i]!.redemption),
            Promise.resolve(codeReadsOf(reads, fresh)),
          ),
        () =>
          readCodeRedemptions(
            tx,
            items.map((item) => item.redemption),
          ),
      ),
    ),
};

/**
 * Redemptions by card, once per Idempotency-Key, one at a time: each judges a PIN and may post
 * to the same accounts as the one before it. Several sharing a group commit throw, so that the
 * writer applies each alone. Their reads, like code redemptions', go out with the stored outcomes'.
 */
export const cardRedemptions: WriteBatch<
  IdempotentRedemption<CardRedemption>,
  Settled<Redemption>
> = {
  apply: async (tx, items) => {
    const [item, ...more] = items;
    if (!item || more.length > 0) throw new Error('card redemptions are applied one at a time');
    const { actor, input } = item.redemption;
    return answers(
      await idempotentBatch(
        tx,
        [item.idempotency],
        async (_fresh, reads) => [
          await settle(() => redeemByCard(tx, actor, input, Promise.resolve(reads))),
        ],
        () => readCardRedemption(tx, item.redemption),
      ),
    );
  },
};
