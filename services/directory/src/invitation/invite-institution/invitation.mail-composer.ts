import type { StoredEvent } from '#libs/event-store';
import type { LinkKeys, MailComposer } from '#libs/mail';
import { INSTITUTION_INVITED, INVITATION_LINK_PURPOSE, type IssuedInvitation } from '../invitation.events.js';
import { invitationMail } from './invitation.mail.js';

/**
 * directory's mail: the invitation e-mail for each InstitutionInvited whose link has not expired,
 * its token derived again from the invitation id (the event keeps only the token's hash).
 */
export function directoryMailComposer(links: LinkKeys, publicUrl: string, now: () => Date): MailComposer {
  return async (event: StoredEvent) => {
    if (event.type !== INSTITUTION_INVITED) return null;
    const { invitationId, email: to, organisationName, expiresAt, language = 'en' } = event.data as IssuedInvitation;
    if (Date.parse(expiresAt) <= now().getTime()) return null;
    const token = await links.tokenFor(INVITATION_LINK_PURPOSE, invitationId);
    const link = `${publicUrl.replace(/\/+$/, '')}/invitations/accept?token=${token}`;
    return invitationMail({ to, organisationName, link, expiresAt, language });
  };
}
