import type { AppKey } from '../../i18n/app';
import type { ApiFail } from '../api';
import { errorText, fmtNum, tr } from '../i18n';

/** How long a pause lasts, from the answer's Retry-After (seconds), in words. */
export function waitText(seconds: number | undefined): string {
  if (!seconds) return tr('counter.wait.later');
  const minutes = Math.ceil(seconds / 60);
  return minutes < 120
    ? tr('counter.wait.min', { n: minutes })
    : tr('counter.wait.hours', { n: Math.round(minutes / 60) });
}

/** The short budget's pause is at most 10 minutes; a longer one is the 24-hour budget, which leaves scanned codes working. */
const DAILY_PAUSE_SECONDS = 10 * 60;

/** The tries a card has left, as the refusal states them. */
function triesLeft(fail: ApiFail): string {
  const left = fail.details?.remaining;
  return left === undefined ? '' : tr('counter.err.triesLeft', { n: left });
}

/** The balance an "insufficient points" refusal found. */
export function statedBalance(fail: ApiFail): number | undefined {
  return fail.details?.balance;
}

/** What happened at the counter and what to do next, in the reader's language. */
export function counterError(fail: ApiFail): string {
  switch (fail.code) {
    case 'pin_invalid':
      return `${tr('counter.err.pin_invalid')} ${triesLeft(fail)}`.trim();
    case 'card_locked':
      return tr('counter.err.card_locked', { wait: waitText(fail.retryAfter) });
    case 'too_many_attempts': {
      const text = tr('counter.err.too_many_attempts', { wait: waitText(fail.retryAfter) });
      return (fail.retryAfter ?? 0) > DAILY_PAUSE_SECONDS
        ? `${text} ${tr('counter.err.scanStillWorks')}`
        : text;
    }
    case 'insufficient_points': {
      const stated = statedBalance(fail);
      return stated === undefined
        ? tr('counter.err.insufficient_unknown')
        : tr('counter.err.insufficient_points', { balance: fmtNum(stated) });
    }
    case 'code_expired':
    case 'code_used':
    case 'code_invalid':
    case 'item_price_mismatch':
    case 'item_invalid':
    case 'moved_away':
    case 'merchant_suspended':
      return tr(`counter.err.${fail.code}` as AppKey);
    default:
      return errorText(fail);
  }
}

/** Answers about the code itself: back to step 1 for another code, the amount kept. */
export const CODE_ERRORS = new Set(['code_invalid', 'code_expired', 'code_used']);
/** Answers about the paper card: back to step 1 with the card number kept, for the PIN again. */
export const CARD_ERRORS = new Set(['pin_invalid', 'card_locked', 'card_invalid']);
/** Answers about what was chosen: back to step 2, the choice kept and editable. */
export const AMOUNT_ERRORS = new Set([
  'insufficient_points',
  'idempotency_mismatch',
  'item_price_mismatch',
  'item_invalid',
]);
