import type { StoredEvent } from '#libs/event-store';
import type { LinkKeys, MailComposer, MailMessage } from '#libs/mail';
import { RESET_TOKEN_MINUTES } from '../security/reset-tokens.js';
import { isPasswordResetRequested, RESET_LINK_PURPOSE } from './password-reset.events.js';

/** The reset e-mail for a link (its text only: who it goes to and its token come from the event). */
export function passwordResetMail(to: string, link: string): Omit<MailMessage, 'messageId'> {
  return {
    to,
    subject: 'Reset your Results Service password',
    kind: 'password-reset',
    text: [
      'Someone (we hope you) asked to set a new password for your Results Service account.',
      '',
      `Open this link within ${RESET_TOKEN_MINUTES} minutes to choose your password:`,
      link,
      '',
      'The link works once. If you did not ask for this, ignore this e-mail: nothing changes.',
    ].join('\n'),
  };
}

/** identity's mail: a reset e-mail for each PasswordResetRequested whose link has not expired. */
export function identityMailComposer(links: LinkKeys, publicUrl: string, now: () => Date): MailComposer {
  return async (event: StoredEvent) => {
    if (!isPasswordResetRequested(event)) return null;
    const { requestId, email, expiresAt } = event.data;
    if (Date.parse(expiresAt) <= now().getTime()) return null; // the mail server was down all along
    const token = await links.tokenFor(RESET_LINK_PURPOSE, requestId);
    return passwordResetMail(email, `${publicUrl.replace(/\/+$/, '')}/reset-password?token=${encodeURIComponent(token)}`);
  };
}
