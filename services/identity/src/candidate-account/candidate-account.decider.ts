import { DomainError } from '#libs/domain';
import type { Decider } from '#libs/event-store';
import { CandidateAccountErrors } from './candidate-account.errors.js';
import type { CandidateAccountEvent } from './candidate-account.events.js';

export type CandidateAccountCommand =
  | { type: 'RegisterCandidate'; data: { candidateId: string; idNumber: string; email: string; passwordHash: string } }
  | { type: 'ChangeCandidatePassword'; data: { passwordHash: string } };

export type CandidateAccountState =
  | { status: 'none' }
  | { status: 'registered'; candidateId: string; idNumber: string; email: string; passwordHash: string };

/**
 * One account per ID Number. The ID Number / Secret Number check happens before (it needs
 * argon2 and the entries read model); this decider only guards the stream's own rules.
 */
export const candidateAccountDecider: Decider<CandidateAccountCommand, CandidateAccountEvent, CandidateAccountState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'RegisterCandidate':
        if (state.status !== 'none') {
          throw new DomainError('conflict', CandidateAccountErrors.ALREADY_REGISTERED, 'An account already exists for this ID Number. Log in, or reset your password.');
        }
        return [{ type: 'CandidateRegistered', data: command.data }];
      case 'ChangeCandidatePassword':
        if (state.status === 'none') throw new DomainError('not-found', CandidateAccountErrors.NOT_FOUND, 'No such account.');
        return [{ type: 'CandidatePasswordChanged', data: command.data }];
      default: {
        const unknown: never = command;
        throw new Error(`unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'CandidateRegistered':
        return { status: 'registered', ...event.data };
      case 'CandidatePasswordChanged':
        return state.status === 'registered' ? { ...state, passwordHash: event.data.passwordHash } : state;
      default: {
        const unknown: never = event;
        throw new Error(`unknown event ${JSON.stringify(unknown)}`);
      }
    }
  },
};
