/** How a domain error reaches a client: the HTTP status it maps to at the edge. */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'unprocessable'
  | 'rate-limited'
  /** Something the request needs is down for a moment; nothing was saved, try again. */
  | 'unavailable';

/**
 * An error a client can cause and understand. `code` is `AREA.REASON` (e.g. `SHARE.RESTRICTED`);
 * `message` is written for a person. Deciders throw these; one filter maps them to HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Whether `error` is the DomainError with this code (to translate or tolerate one known refusal). */
export const hasCode = (error: unknown, code: string): boolean => error instanceof DomainError && error.code === code;
