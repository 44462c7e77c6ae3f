import { DomainError } from '#libs/domain';

/** The codes (`AREA.REASON`) of the share aggregate's refusals: part of the public error contract. */
export const ShareErrors = {
  NOT_FOUND: 'SHARE.NOT_FOUND',
  CONSENT_REQUIRED: 'SHARE.CONSENT_REQUIRED',
  RESTRICTED: 'SHARE.RESTRICTED',
  RESULT_NOT_FOUND: 'SHARE.RESULT_NOT_FOUND',
  RECIPIENT_NOT_FOUND: 'SHARE.RECIPIENT_NOT_FOUND',
} as const;

export const RESTRICTED_MESSAGE =
  'This result cannot be sent to immigration authorities. Please raise this with your exam centre.';
export const CONSENT_MESSAGE = 'You must consent to share your result.';

/** Unknown, or another organisation's: its existence is not disclosed. */
export const shareNotFound = () => new DomainError('not-found', ShareErrors.NOT_FOUND, 'No such shared result.');

export const consentRequired = () => new DomainError('invalid', ShareErrors.CONSENT_REQUIRED, CONSENT_MESSAGE);
