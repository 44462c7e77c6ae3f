/** The codes (`AREA.REASON`) of a candidate account's refusals: part of the public error contract. */
export const CandidateAccountErrors = {
  ALREADY_REGISTERED: 'ACCOUNT.ALREADY_REGISTERED',
  NOT_FOUND: 'ACCOUNT.NOT_FOUND',
  /** PUT /api/v1/me/notifications with neither setting. */
  NOTIFICATIONS_EMPTY: 'NOTIFICATIONS.EMPTY',
  /** The ID Number and Secret Number do not match (or the ID Number is unknown: the same answer). */
  NO_MATCH: 'REGISTRATION.NO_MATCH',
  TOO_MANY_ATTEMPTS: 'REGISTRATION.TOO_MANY_ATTEMPTS',
} as const;
