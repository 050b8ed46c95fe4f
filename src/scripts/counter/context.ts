import type { Item } from '../../../functions/domain/counter/items';
import type { linli, OkOf } from '../api';
import type { ScanSession } from '../qr-scan';
import type { Attempt, Found, Keep, Who } from './attempt';

/** The shop's items: the server's own JSON shape (type-only import). */
export type { Item };

/** What POST /api/counter/redemptions answers (201). */
export type Receipt = OkOf<typeof linli.counter.redemptions.$post>;

/** Where step 1 starts: a card number to keep (only the PIN again), the amount to keep, an error to say. */
export interface WhoStart {
  card?: string | undefined;
  keep?: Keep | undefined;
  error?: string | undefined;
}

/**
 * The counter's state machine as the steps see it: the stage they draw on, the shared message
 * line, the shop's name and items, the camera, and the other steps to hand over to. Each step
 * replaces the stage; none keeps state of its own beyond its screen.
 */
export interface Counter {
  stage: HTMLElement;
  msg: HTMLElement;
  shop(): string;
  items(): Item[];
  reloadItems(): Promise<void>;
  /** The camera session that step 1 may have open; every step closes it first. */
  scan: { set(s: ScanSession | null): void; stop(): void };
  /** Each step starts with the stage at the top of the screen: the next tap is under the thumb. */
  top(): void;
  /** An error in the message line, with focus on it (read at once by a screen reader). */
  fail(text: string): void;
  who(start?: WhoStart): void;
  amount(who: Who, found: Found, keep?: Keep): void;
  balance(who: Who, found: Found): void;
  confirm(attempt: Attempt, resumed?: boolean): void;
  receipt(r: Receipt, attempt: Attempt): void;
}
