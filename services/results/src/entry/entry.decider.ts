import type { Decider } from '#libs/event-store';
import { DomainError } from '#libs/domain';
import { EntryErrors } from './entry.errors.js';
import type { EntryEvent } from './entry.events.js';

export type EntryCommand = { type: 'EnterCandidate'; data: EntryEvent['data'] };

export type EntryState =
  | { status: 'none' }
  | { status: 'entered'; entryId: string; idNumber: string; name: string; dateOfBirth: string; exam: string; centre: string };

/** An ID Number is entered once; a second entry with the same number is a conflict. */
export const entryDecider: Decider<EntryCommand, EntryEvent, EntryState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'EnterCandidate':
        if (state.status !== 'none') throw new DomainError('conflict', EntryErrors.EXISTS, 'This ID Number is already taken.');
        return [{ type: 'CandidateEntered', data: command.data }];
      default: {
        const unknown: never = command.type;
        throw new Error(`unknown command ${String(unknown)}`);
      }
    }
  },
  evolve(_state, event) {
    switch (event.type) {
      case 'CandidateEntered': {
        const { entryId, idNumber, name, dateOfBirth, exam, centre } = event.data;
        return { status: 'entered', entryId, idNumber, name, dateOfBirth, exam, centre };
      }
      default: {
        const unknown: never = event.type;
        throw new Error(`unknown event ${String(unknown)}`);
      }
    }
  },
};
