import { ForbiddenException, UnauthorizedException } from '@nestjs/common';

/**
 * The codes (`AREA.REASON`) of the token and role checks' refusals. They stay Nest HttpExceptions
 * (guards and parameter decorators run in Nest's pipeline) with the code as their `errorCode`,
 * which the platform's error filter answers as `code`. A missing or invalid token is Passport's own 401 (AUTH.UNAUTHENTICATED).
 */
export const AuthCheckErrors = {
  /** A valid token of a role this route is not for. */
  FORBIDDEN_ROLE: 'AUTH.FORBIDDEN_ROLE',
  /** A route that needs a principal reached without one. */
  NOT_SIGNED_IN: 'AUTH.NOT_SIGNED_IN',
  /** A candidate route called by an account without an ID Number. */
  NOT_A_CANDIDATE: 'AUTH.NOT_A_CANDIDATE',
  /** An organisation route called by an account that belongs to no organisation. */
  NOT_AN_ORGANISATION_USER: 'AUTH.NOT_AN_ORGANISATION_USER',
  /** A validly signed access token without `exp`. */
  TOKEN_WITHOUT_EXPIRY: 'AUTH.TOKEN_WITHOUT_EXPIRY',
} as const;

export const forbidden = (errorCode: string, message: string) => new ForbiddenException(message, { errorCode });
export const unauthorized = (errorCode: string, message: string) => new UnauthorizedException(message, { errorCode });
