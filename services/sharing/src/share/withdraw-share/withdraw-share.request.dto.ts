import { DomainError } from '#libs/domain';

/** The body is empty (`{}`): withdrawing needs nothing but the share. */
export const EMPTY_BODY_SCHEMA = { type: 'object', additionalProperties: false, properties: {}, example: {} } as const;

export const EMPTY_BODY_MESSAGE = 'A withdrawal takes an empty body: {}.';

/**
 * An empty DTO class cannot be validated (forbidUnknownValues refuses a class with no rules), so
 * the body is checked here: none, or an object without properties.
 */
export function assertEmptyBody(body: unknown): void {
  if (body === undefined) return; // no body at all (JSON `null` is a body, and not an object: refused)
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0) return;
  throw new DomainError('invalid', 'REQUEST.INVALID', EMPTY_BODY_MESSAGE);
}
