import type { RedemptionRequest } from '../../../functions/domain/counter/redemption';
import { tr } from '../i18n';

/** Who is redeeming: the 6-digit code from the resident's phone, or a paper card and its PIN. */
export type Who = { code: string } | { card: string; pin: string };
/** What POST /api/counter/redemptions takes: the server's own request type. */
export type RedemptionBody = RedemptionRequest;

/**
 * One redemption attempt, kept in sessionStorage from the moment the confirm screen opens until a
 * definite answer (2xx or 4xx): its Idempotency-Key and the exact body. A reload, a dropped
 * connection or a double tap resends the SAME key and body, so points move at most once.
 */
export interface Attempt {
  key: string;
  body: RedemptionBody;
  label: string;
  stage: 'confirm' | 'sending';
  openedAt: string;
}
const STORE = 'linli-counter-attempt';
export const attemptStore = {
  load(): Attempt | null {
    try {
      const raw = sessionStorage.getItem(STORE);
      return raw ? (JSON.parse(raw) as Attempt) : null;
    } catch {
      return null;
    }
  },
  save(a: Attempt): void {
    try {
      sessionStorage.setItem(STORE, JSON.stringify(a));
    } catch {
      /* storage full or disabled: the attempt still works, it just cannot survive a reload */
    }
  },
  clear(): void {
    try {
      sessionStorage.removeItem(STORE);
    } catch {
      /* nothing to clear */
    }
  },
};

const spaced = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;
export const whoLabel = (w: Who) => ('code' in w ? tr('counter.byCode', { code: spaced(w.code) }) : tr('counter.byCard', { card: w.card }));

/** The attempt's body split back into who and what, for going back a step with the entries kept. */
export function splitBody(body: RedemptionBody): { who: Who; keep: { points: number; note?: string } } {
  const { points, note, ...who } = body;
  return { who: who as Who, keep: { points, note } };
}

/** Back to step 1 with a paper card's number kept: only the PIN is typed again. */
export const cardKept = (w: Who) => ('card' in w ? { card: w.card } : undefined);
