/** The codes (`AREA.REASON`) of identity's refusals to log in, refresh or reset a password. */
export const AuthErrors = {
  INVALID_CREDENTIALS: 'AUTH.INVALID_CREDENTIALS',
  TOO_MANY_ATTEMPTS: 'AUTH.TOO_MANY_ATTEMPTS',
  INVALID_REFRESH_TOKEN: 'AUTH.INVALID_REFRESH_TOKEN',
  RESET_TOKEN_INVALID: 'AUTH.RESET_TOKEN_INVALID',
  /** Neither or both of idNumber and email. */
  ONE_IDENTIFIER: 'AUTH.ONE_IDENTIFIER',
} as const;
