import type { ErrorCode } from './error-codes';
import { DomainError, type RefusalFacts, refusalFacts } from './errors';

/** An item refused for a reason its caller can act on: what the caller is told, and nothing of it written. */
export interface Refused {
  ok: false;
  code: ErrorCode;
  message: string;
  facts?: RefusalFacts;
  /** When a refusal that names a wait (a locked card) is over, so a replay can say how long is left. */
  retryAt?: string;
  /** The refusal itself while in memory, to be thrown as it was raised; a stored or replayed one has only its words. */
  error?: DomainError;
  /** Where idempotency applies: whether this is the stored outcome of an earlier request with the same key. */
  replayed?: boolean;
}

/**
 * The outcome of one item of a set-based write (or of an idempotent request): its value, or its
 * refusal. Every ledger write takes a list and answers one of these per item, in order.
 */
export type Settled<T> = { ok: true; value: T; replayed?: boolean } | Refused;

export const settledValue = <T>(value: T): Settled<T> => ({ ok: true, value });

export function refused(error: DomainError): Refused {
  const facts = refusalFacts(error.details);
  return {
    ok: false,
    code: error.code,
    message: error.message,
    ...(facts ? { facts } : {}),
    error,
  };
}

/** The refusal to throw for a refused item: the one raised, or one with the same code, words and facts. */
export function refusalError(r: Refused): DomainError {
  return r.error ?? new DomainError(r.code, r.message, r.facts ? { ...r.facts } : undefined);
}

/** The value of a settled item, or its refusal thrown. */
export function unwrap<T>(settled: Settled<T> | undefined): T {
  if (settled === undefined) throw new Error('a set-based write answered no result for its item');
  if (!settled.ok) throw refusalError(settled);
  return settled.value;
}

/** fn's value, or the DomainError it throws as a refusal (any other error is thrown on). */
export async function settle<T>(fn: () => Promise<T> | T): Promise<Settled<T>> {
  try {
    return settledValue(await fn());
  } catch (error) {
    if (error instanceof DomainError) return refused(error);
    throw error;
  }
}

/** One item of a set-based write: who does it, and what (a plain object). */
export interface Item<A, I> {
  actor: A;
  input: I;
}

/**
 * The single call of a set-based write, `(tx, actor, input)`: its one item's value, or its refusal
 * thrown. So every write has one body, the batch one.
 */
export function one<D, A, I, T>(
  batch: (tx: D, items: Array<Item<A, I>>) => Promise<Array<Settled<T>>>,
): (tx: D, actor: A, input: I) => Promise<T> {
  return async (tx, actor, input) => unwrap((await batch(tx, [{ actor, input }]))[0]);
}
