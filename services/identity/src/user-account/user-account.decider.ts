import { DomainError } from '#libs/domain';
import type { Decider } from '#libs/event-store';
import { UserAccountErrors } from './user-account.errors.js';
import type { UserAccountEvent } from './user-account.events.js';

export type UserAccountCommand =
  | {
      type: 'AddOrganisationUser';
      data: { userId: string; email: string; organisationId: string; name: string | null; passwordHash: string | null };
    }
  | { type: 'EnsureOperator'; data: { userId: string; email: string; passwordHash: string } }
  | { type: 'ChangeUserPassword'; data: { passwordHash: string } };

export type UserAccountState =
  | { status: 'none' }
  | { status: 'organisation-user'; userId: string; email: string; organisationId: string; passwordHash: string | null }
  | { status: 'operator'; userId: string; email: string; passwordHash: string };

export const emailTaken = (): DomainError =>
  new DomainError('conflict', UserAccountErrors.EMAIL_TAKEN, 'This e-mail address already belongs to another account.');

export const userAccountDecider: Decider<UserAccountCommand, UserAccountEvent, UserAccountState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'AddOrganisationUser': {
        const { data } = command;
        if (state.status === 'none') return [{ type: 'OrganisationUserAdded', data }];
        if (state.status !== 'organisation-user' || state.organisationId !== data.organisationId) throw emailTaken();
        // A repeat (re-delivery, a later change of the organisation) never resets a password already set.
        if (state.passwordHash === null && data.passwordHash !== null) {
          return [{ type: 'UserPasswordChanged', data: { passwordHash: data.passwordHash } }];
        }
        return [];
      }
      case 'EnsureOperator':
        if (state.status === 'none') return [{ type: 'OperatorAdded', data: command.data }];
        if (state.status !== 'operator') throw emailTaken();
        return state.passwordHash === command.data.passwordHash
          ? []
          : [{ type: 'UserPasswordChanged', data: { passwordHash: command.data.passwordHash } }];
      case 'ChangeUserPassword':
        if (state.status === 'none') throw new DomainError('not-found', UserAccountErrors.NOT_FOUND, 'No such account.');
        return [{ type: 'UserPasswordChanged', data: command.data }];
      default: {
        const unknown: never = command;
        throw new Error(`unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'OrganisationUserAdded': {
        const { userId, email, organisationId, passwordHash } = event.data;
        return { status: 'organisation-user', userId, email, organisationId, passwordHash };
      }
      case 'OperatorAdded':
        return { status: 'operator', ...event.data };
      case 'UserPasswordChanged':
        return state.status === 'none' ? state : { ...state, passwordHash: event.data.passwordHash };
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${JSON.stringify(unknown)}`);
      }
    }
  },
};
