import type { ScanSession } from '../qr-scan';
import type { Attempt, Who } from './attempt';

export interface Item {
  id: number;
  name: string;
  points: number;
  active: boolean;
}
export interface Receipt {
  id: number;
  points: number;
  at: string;
  resident: { maskedName: string };
  balanceAfter: number;
}

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
