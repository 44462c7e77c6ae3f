import { DomainError } from '#libs/domain';

/** The codes (`AREA.REASON`) of the organisation aggregate's refusals: part of the public error contract. */
export const OrganisationErrors = {
  EXISTS: 'ORGANISATION.EXISTS',
  NO_ACCOUNT: 'ORGANISATION.NO_ACCOUNT',
  DUPLICATE_DEPARTMENT: 'ORGANISATION.DUPLICATE_DEPARTMENT',
  NOT_FOUND: 'ORGANISATION.NOT_FOUND',
  ACCOUNT_NOT_FOUND: 'ORGANISATION.ACCOUNT_NOT_FOUND',
  /** Adding or renaming an account to a department name another account of the organisation has. */
  DEPARTMENT_TAKEN: 'ORGANISATION.DEPARTMENT_TAKEN',
  /** An edit that names no field to change. */
  NOTHING_TO_CHANGE: 'ORGANISATION.NOTHING_TO_CHANGE',
  /** A body sent with the approval, which takes none. */
  APPROVAL_TAKES_NO_FIELDS: 'ORGANISATION.APPROVAL_TAKES_NO_FIELDS',
} as const;

/** No organisation by this id (an unknown id, or not an id at all). */
export const organisationNotFound = (organisationId: string) =>
  new DomainError('not-found', OrganisationErrors.NOT_FOUND, `There is no organisation ${organisationId} in the directory.`);

/** No account by this id in this organisation (it may be another organisation's). */
export const accountNotFound = (organisationName: string, recipientId: string) =>
  new DomainError('not-found', OrganisationErrors.ACCOUNT_NOT_FOUND, `${organisationName} has no recipient account ${recipientId}.`);

/** An edit without any of the fields it may change (400). */
export const nothingToChange = (fields: readonly string[]) =>
  new DomainError('invalid', OrganisationErrors.NOTHING_TO_CHANGE, `Give at least one of ${fields.join(', ')} to change.`);
