import { DomainError } from '#libs/domain';

/** The codes (`AREA.REASON`) of the share aggregate's refusals: part of the public error contract. */
export const ShareErrors = {
  NOT_FOUND: 'SHARE.NOT_FOUND',
  CONSENT_REQUIRED: 'SHARE.CONSENT_REQUIRED',
  RESTRICTED: 'SHARE.RESTRICTED',
  RESULT_NOT_FOUND: 'SHARE.RESULT_NOT_FOUND',
  RECIPIENT_NOT_FOUND: 'SHARE.RECIPIENT_NOT_FOUND',
  ALREADY_READ: 'SHARE.ALREADY_READ',
  NOT_DELIVERED: 'SHARE.NOT_DELIVERED',
  ALREADY_DELIVERED: 'SHARE.ALREADY_DELIVERED',
  RESULT_WITHDRAWN: 'SHARE.RESULT_WITHDRAWN',
  INVITATION_NOT_FOUND: 'SHARE.INVITATION_NOT_FOUND',
  INVITATION_CLOSED: 'SHARE.INVITATION_CLOSED',
  TARGET: 'SHARE.TARGET',
} as const;

export const RESTRICTED_MESSAGE =
  'This result cannot be sent to immigration authorities. Please raise this with your exam centre.';
export const CONSENT_MESSAGE = 'You must consent to share your result.';
export const READ_ALREADY_MESSAGE = 'This result has already been opened by the organisation, so it can no longer be withdrawn.';
export const NOT_DELIVERED_MESSAGE =
  'This share has not reached the organisation: it is waiting for the organisation to join, or has lapsed. There is nothing to withdraw.';
export const ALREADY_DELIVERED_MESSAGE =
  'This result has already been sent to this organisation’s account. Send it to the account from the directory instead.';
export const RESULT_WITHDRAWN_MESSAGE = 'This result has been withdrawn by the exam centre and can no longer be sent.';

/** Unknown, or another organisation's (or candidate's): its existence is not disclosed. */
export const shareNotFound = () => new DomainError('not-found', ShareErrors.NOT_FOUND, 'No such shared result.');

export const consentRequired = () => new DomainError('invalid', ShareErrors.CONSENT_REQUIRED, CONSENT_MESSAGE);
export const notDeliveredYet = () => new DomainError('conflict', ShareErrors.NOT_DELIVERED, NOT_DELIVERED_MESSAGE);
export const alreadyDeliveredElsewhere = () => new DomainError('conflict', ShareErrors.ALREADY_DELIVERED, ALREADY_DELIVERED_MESSAGE);
export const resultWithdrawn = () => new DomainError('unprocessable', ShareErrors.RESULT_WITHDRAWN, RESULT_WITHDRAWN_MESSAGE);
