/** The codes (`AREA.REASON`) of identity's refusals outside its aggregates: log in, refresh, password reset, the signed-in account. */
export const AuthErrors = {
  INVALID_CREDENTIALS: 'AUTH.INVALID_CREDENTIALS',
  TOO_MANY_ATTEMPTS: 'AUTH.TOO_MANY_ATTEMPTS',
  INVALID_REFRESH_TOKEN: 'AUTH.INVALID_REFRESH_TOKEN',
  RESET_TOKEN_INVALID: 'AUTH.RESET_TOKEN_INVALID',
  /** Neither or both of idNumber and email. */
  ONE_IDENTIFIER: 'AUTH.ONE_IDENTIFIER',
  /** A valid token whose account no longer exists (GET /me). */
  ACCOUNT_NOT_FOUND: 'ACCOUNT.NOT_FOUND',
} as const;
