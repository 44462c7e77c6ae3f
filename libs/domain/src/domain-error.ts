/** How a domain error reaches a client: the HTTP status it maps to at the edge. */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'unprocessable'
  | 'rate-limited';

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
