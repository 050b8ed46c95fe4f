import type { ScanSession } from '../qr-scan';
import type { Attempt, Who } from './attempt';
import type { Item } from '../../../functions/domain/counter/items';
import type { Redemption as Receipt } from '../../../functions/domain/counter/redemption';

/** The shop's items and a redemption's answer: the server's own JSON shapes (type-only imports). */
export type { Item, Receipt };

/**
 * The counter's state machine as the steps see it: the stage they draw on, the shared message
 * line, the shop's items, the camera, and the other steps to hand over to. Each step replaces the
 * stage; none keeps state of its own beyond its screen.
 */
export interface Counter {
  stage: HTMLElement;
  msg: HTMLElement;
  items(): Item[];
  /** The camera session that step 1 may have open; every step closes it first. */
  scan: { set(s: ScanSession | null): void; stop(): void };
  /** Each step starts with the stage at the top of the screen: the next tap is under the thumb. */
  top(): void;
  who(prefill?: Partial<{ card: string }>, error?: string): void;
  amount(who: Who, keep?: { points: number; note?: string }): void;
  confirm(attempt: Attempt, resumed?: boolean): void;
  receipt(r: Receipt, attempt: Attempt): void;
}
