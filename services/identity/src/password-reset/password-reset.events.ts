import type { DomainEvent } from '#libs/event-store';

/**
 * Someone asked for a password reset link for an account that exists. One short stream per
 * request (nothing else is ever appended to it). The event holds the hash of the link's token;
 * the mail worker derives the token again from `requestId` (LinkKeys) when it sends the e-mail,
 * so the token itself is stored nowhere.
 */
export type PasswordResetRequested = DomainEvent<
  'PasswordResetRequested',
  {
    requestId: string;
    account: string;
    email: string;
    tokenHash: string;
    expiresAt: string;
    /** The language the portal was in when the link was asked for (absent before it was kept: English). */
    language?: 'en' | 'ja';
  }
>;

export const PASSWORD_RESET_REQUESTED = 'PasswordResetRequested' as const;
/** LinkKeys purpose of a reset link's token. */
export const RESET_LINK_PURPOSE = 'password-reset';

export const passwordResetStreamId = (requestId: string): string => `password-reset-${requestId}`;

export const isPasswordResetRequested = (event: { type: string }): event is PasswordResetRequested => event.type === PASSWORD_RESET_REQUESTED;
