import type { ErrorCode } from './error-codes';
/**
 * A refusal the domain gives for a reason the caller can act on. `code` is the contract's
 * snake_case error code; the API maps codes to HTTP statuses in one table (functions/http/errors.ts).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * A refusal that is not the request's outcome but a "not now": nothing was tried, so nothing is
 * stored under an idempotency key (the same request may succeed once the wait is over).
 */
export class TryLater extends DomainError {
  constructor(code: ErrorCode, message: string, retryAfterSeconds: number) {
    super(code, message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
  }
}

/** What a refusal may tell its caller besides its words, for a client to show in its own language. */
export interface RefusalFacts {
  /** Wrong PINs a card may still take before it locks. */
  remaining?: number;
  /** The balance a refused redemption or gift found. */
  balance?: number;
  /** When a locked card opens again. */
  lockedUntil?: string;
}

const FACT_KEYS = ['remaining', 'balance', 'lockedUntil'] as const;

/** The refusal's facts a caller may see (never internal ones such as account ids), or undefined. */
export function refusalFacts(
  details: Record<string, unknown> | undefined,
): RefusalFacts | undefined {
  if (!details) return undefined;
  const facts: Record<string, unknown> = {};
  for (const key of FACT_KEYS) if (details[key] !== undefined) facts[key] = details[key];
  return Object.keys(facts).length > 0 ? (facts as RefusalFacts) : undefined;
}
