import type { linli, OkOf } from '../api';
import { tr } from '../i18n';

/** Who is redeeming: the resident's code (6 digits typed or 16 scanned from the QR), or a paper card and its PIN. */
export type Who = { code: string } | { card: string; pin: string };

/** What the merchant chose in step 2, kept through every error: points, or an item and how many. */
export interface Keep {
  points: number;
  note?: string | undefined;
  item?: { id: number; name: string; unitPoints: number; quantity: number } | undefined;
}

/** What POST /api/counter/redemptions takes. */
export type RedemptionBody = Who & {
  points: number;
  note?: string;
  itemId?: number;
  quantity?: number;
};

/** What POST /api/counter/lookup answers: who, and how much, before anything moves. */
export type Found = OkOf<typeof linli.counter.lookup.$post>;

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
  /** The look-up that led here, and the item as chosen: for going back a step and for the receipt. */
  found?: Found;
  item?: Keep['item'];
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

/** 6 digits as "123 456", the QR's 16 as "1234 5678 9012 3456": read aloud in groups. */
const spaced = (code: string) =>
  code.length === 6
    ? `${code.slice(0, 3)} ${code.slice(3)}`
    : code.replace(/(\d{4})(?=\d)/g, '$1 ');
export const whoLabel = (w: Who) =>
  'code' in w
    ? tr('counter.byCode', { code: spaced(w.code) })
    : tr('counter.byCard', { card: w.card });

/** The body a step-2 choice makes: the item (and how many) travels with its points. */
export function bodyOf(who: Who, keep: Keep): RedemptionBody {
  const whoOnly: Who = 'code' in who ? { code: who.code } : { card: who.card, pin: who.pin };
  return {
    ...whoOnly,
    points: keep.points,
    ...(keep.note ? { note: keep.note } : {}),
    ...(keep.item ? { itemId: keep.item.id, quantity: keep.item.quantity } : {}),
  };
}

/** The attempt split back into who and what, for going back a step with the entries kept. */
export function splitAttempt(a: Attempt): { who: Who; keep: Keep } {
  const { points, note, itemId: _i, quantity: _q, ...who } = a.body;
  return { who: who as Who, keep: { points, note, item: a.item } };
}

/** Back to step 1 with a paper card's number kept: only the PIN is typed again. */
export const cardKept = (w: Who) => ('card' in w ? w.card : undefined);
