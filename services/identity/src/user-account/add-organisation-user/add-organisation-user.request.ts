import { isEmail } from 'class-validator';
import { DomainError } from '#libs/domain';
import { UserAccountErrors } from '../user-account.errors.js';

export interface AddOrganisationUserRequest {
  organisationId: string;
  email: string;
  name: string | null;
  password: string | null;
}

const KEYS = new Set(['organisationId', 'email', 'name', 'password']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// C0/C1 controls and the bidi overrides/isolates: nothing a name or an address needs.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNWANTED = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (value: string): boolean => !LONE_SURROGATE.test(value);

const invalid = (message: string) => new DomainError('invalid', UserAccountErrors.INVALID_USER, message);
const text = (value: unknown): value is string => typeof value === 'string' && wellFormed(value) && !UNWANTED.test(value);

/**
 * The internal route's body, checked as strictly as a public one (a trust boundary too): a plain
 * object with exactly these fields, the password under identity's own rules (10 to 200 characters).
 */
export function parseAddOrganisationUser(body: unknown): AddOrganisationUserRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('The body must be a JSON object.');
  const unknown = Object.keys(body).filter((k) => !KEYS.has(k));
  if (unknown.length > 0) throw invalid(`Unknown properties: ${unknown.join(', ')}.`);
  const { organisationId, email, name, password } = body as Record<string, unknown>;
  if (typeof organisationId !== 'string' || !UUID.test(organisationId)) throw invalid('organisationId must be a UUID.');
  if (!text(email) || email.length > 320 || !isEmail(email.trim())) throw invalid('email must be an e-mail address.');
  if (name !== null && (!text(name) || name.trim().length === 0 || name.length > 200)) {
    throw invalid('name must be null or a name of 1 to 200 characters.');
  }
  if (password !== undefined && (typeof password !== 'string' || !wellFormed(password) || password.length < 10 || password.length > 200)) {
    throw invalid('password must be 10 to 200 characters long.');
  }
  return { organisationId: organisationId.toLowerCase(), email: email.trim().toLowerCase(), name: name === null ? null : name.trim(), password: password ?? null };
}
