import type { Decider } from '#libs/event-store';
import { DomainError } from '#libs/domain';
import { InvitationErrors, invitationAccepted, invitationNotValid as notValid } from './invitation.errors.js';
import type { InvitationEvent, IssuedInvitation } from './invitation.events.js';

export type InvitationCommand =
  | { type: 'InviteInstitution'; invitation: IssuedInvitation; now: string }
  | { type: 'RecordMailFailure'; invitationId: string }
  | { type: 'AcceptInvitation'; tokenHash: string; now: string; organisationId: string; recipientId: string };

export type InvitationState =
  | { status: 'none' }
  | { status: 'pending'; invitation: IssuedInvitation; mailFailed: boolean }
  | { status: 'accepted'; invitation: IssuedInvitation; organisationId: string; recipientId: string };

/**
 * One live invitation per website domain: inviting again while one is pending changes nothing
 * (no second e-mail); an expired one, or one whose e-mail failed, is replaced by a fresh one.
 * A link is accepted once, before it expires.
 */
export const invitationDecider: Decider<InvitationCommand, InvitationEvent, InvitationState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'InviteInstitution': {
        if (state.status === 'accepted') {
          throw new DomainError(
            'conflict',
            InvitationErrors.ALREADY_ACCEPTED,
            'This organisation has already created its account: search for it in the directory.',
          );
        }
        if (state.status === 'pending' && !state.mailFailed && state.invitation.expiresAt > command.now) return [];
        return [{ type: 'InstitutionInvited', data: command.invitation }];
      }
      case 'RecordMailFailure':
        if (state.status !== 'pending' || state.invitation.invitationId !== command.invitationId || state.mailFailed) return [];
        return [{ type: 'InvitationMailFailed', data: { invitationId: command.invitationId } }];
      case 'AcceptInvitation': {
        if (state.status === 'none' || state.invitation.tokenHash !== command.tokenHash) throw notValid();
        if (state.status === 'accepted') {
          throw invitationAccepted();
        }
        if (state.invitation.expiresAt <= command.now) throw notValid();
        const { organisationId, recipientId } = command;
        return [{ type: 'InvitationAccepted', data: { invitationId: state.invitation.invitationId, organisationId, recipientId } }];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'InstitutionInvited':
        return { status: 'pending', invitation: event.data, mailFailed: false };
      case 'InvitationMailFailed':
        return state.status === 'pending' ? { ...state, mailFailed: true } : state;
      case 'InvitationAccepted':
        if (state.status === 'none') return state;
        return { status: 'accepted', invitation: state.invitation, organisationId: event.data.organisationId, recipientId: event.data.recipientId };
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${JSON.stringify(unknown)}`);
      }
    }
  },
};
