import { aggregateStream } from '#libs/event-store';
export interface IssuedInvitation {
  invitationId: string;
  organisationName: string;
  email: string;
  website: string;
  /** The website's host without "www.": invitations are de-duplicated by it. */
  domain: string;
  /** The candidate who invited. */
  invitedBy: string;
  /** SHA-256 (hex) of the token in the e-mailed link; the token itself is never stored. */
  tokenHash: string;
  expiresAt: string;
  /** The inviting candidate's language (the e-mail is in it, English beside); absent before it was kept: English. */
  language?: 'en' | 'ja';
}

/** The Invitation aggregate's events: one stream per website domain (`invitation-<domain>`). */
export type InvitationEvent =
  | { type: 'InstitutionInvited'; data: IssuedInvitation }
  /** The e-mail could not be sent: the next invitation for the domain issues a fresh one. */
  | { type: 'InvitationMailFailed'; data: { invitationId: string } }
  | { type: 'InvitationAccepted'; data: { invitationId: string; organisationId: string; recipientId: string } };

export const invitationStream = aggregateStream<InvitationEvent>('invitation-');
export const invitationStreamId = (domain: string) => invitationStream.id(domain);

/** Invitation links stay valid for 14 days. */
export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** The event that asks for the invitation e-mail (sent by the mail worker, through the outbox). */
export const INSTITUTION_INVITED = 'InstitutionInvited' as const;
/** LinkKeys purpose of an invitation link's token (derived from the invitation id, stored nowhere). */
export const INVITATION_LINK_PURPOSE = 'invitation';
