/** The codes (`AREA.REASON`) of a user account's refusals (organisation users, the operator). */
export const UserAccountErrors = {
  EMAIL_TAKEN: 'ACCOUNT.EMAIL_TAKEN',
  NOT_FOUND: 'ACCOUNT.NOT_FOUND',
  /** The internal route's body (from the directory) is not a valid user. */
  INVALID_USER: 'ACCOUNT.INVALID_USER',
} as const;
