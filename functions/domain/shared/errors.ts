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
