import { DomainError } from '#libs/domain';

/** The codes (`AREA.REASON`) of the invitation aggregate's refusals: part of the public error contract. */
export const InvitationErrors = {
  NOT_VALID: 'INVITATION.NOT_VALID',
  /** Inviting an organisation that has already accepted an earlier invitation. */
  ALREADY_ACCEPTED: 'INVITATION.ALREADY_ACCEPTED',
  /** Accepting a link that was already used. */
  ACCEPTED: 'INVITATION.ACCEPTED',
  RATE_LIMITED: 'INVITATION.RATE_LIMITED',
  BAD_WEBSITE: 'INVITATION.BAD_WEBSITE',
  MAIL_UNAVAILABLE: 'INVITATION.MAIL_UNAVAILABLE',
} as const;

/** An unknown, expired or malformed link: one answer for all, so nothing is disclosed. */
export const invitationNotValid = () => new DomainError('not-found', InvitationErrors.NOT_VALID, 'This invitation link is not valid.');

export const invitationAccepted = () =>
  new DomainError('conflict', InvitationErrors.ACCEPTED, 'This invitation has already been accepted.');
