/**
 * A refusal the domain gives for a reason the caller can act on. `code` is the contract's
 * snake_case error code; the API maps codes to HTTP statuses in one table (functions/http/errors.ts).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * The one result of a set-based step called with one item (postEntries, redeemMany, …, which
 * answer a refusal in an item's place): its value, or its refusal thrown, as a single call answers.
 */
export function thrownIfRefused<T>(result: T | DomainError | undefined): T {
  if (result instanceof DomainError) throw result;
  if (result === undefined) throw new Error('a set-based step answered no result for its item');
  return result;
}

/**
 * A refusal that is not the request's outcome but a "not now": nothing was tried, so nothing is
 * stored under an idempotency key (the same request may succeed once the wait is over).
 */
export class TryLater extends DomainError {
  constructor(code: string, message: string, retryAfterSeconds: number) {
    super(code, message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
  }
}
