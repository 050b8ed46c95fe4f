import type { Db } from '../../../db/client';
import { accountsOf } from '../ledger/commands';
import { type Lapse, standingOf } from '../ledger/expiry';
import type { PinCheck } from '../people/cards';
import { maskName } from '../people/masking';
import { refusalError, type Settled, settle } from '../shared/settled';
import { GuessBudget } from './budget';
import { codeGuessKind, resolveRedeemCodes } from './codes';
import { identifyCard } from './redemption';

/** Who is at the counter and what they hold: shown before the merchant types an amount. */
export interface Lookup {
  maskedName: string;
  balance: number;
  expiring: Lapse[];
}

export type LookupRequest = { code: string } | { card: string; pin: string };

/**
 * The counter's first step: identify the resident by code or by card + PIN and answer their
 * balance, moving nothing. It spends the merchant's guessing budget as a redemption would, so it
 * runs in a write transaction and answers a refusal instead of throwing it: the failure it wrote
 * must be committed with the refusal.
 */
export async function lookupAtCounter(
  tx: Db,
  merchantId: number,
  req: LookupRequest,
  now: Date,
  checkedPin?: PinCheck,
): Promise<Settled<Lookup>> {
  return settle(async () => {
    (await accountsOf(tx, [merchantId]))(merchantId, 'merchant');
    const who =
      'code' in req
        ? await identifyCode(tx, merchantId, req.code, now)
        : await identifyCard(tx, merchantId, req.card, req.pin, now, { checkedPin });
    const account = (await accountsOf(tx, [who.residentId]))(who.residentId, 'resident');
    const standing = (await standingOf(tx, [account], now)).get(account)!;
    return {
      maskedName: maskName(who.fullName),
      balance: standing.balance,
      expiring: standing.expiring,
    };
  });
}

async function identifyCode(
  tx: Db,
  merchantId: number,
  code: string,
  now: Date,
): Promise<{ residentId: number; fullName: string }> {
  const kind = codeGuessKind(code);
  const budget = await GuessBudget.of(tx, [merchantId], now);
  const paused = budget.refusal(merchantId, kind, now);
  if (paused) throw paused;
  const [found] = await resolveRedeemCodes(tx, [{ code, now }]);
  if (!found!.ok) {
    budget.spend(merchantId, kind, now);
    await budget.save(tx, now);
    throw refusalError(found!);
  }
  return found!.value;
}
