import type { Decider } from '#libs/event-store';
import { DomainError } from '#libs/domain';
import type { EntryState } from '../entry/entry.decider.js';
import { EntryErrors } from '../entry/entry.errors.js';
import { ResultErrors } from './result.errors.js';
import type { PublishedResult, ResultEvent } from './result.events.js';

export type ResultCommand = {
  type: 'PublishResult';
  /** The entry the result is for, as its stream says now. */
  entry: EntryState;
  data: Omit<PublishedResult, 'entryId' | 'idNumber' | 'candidate'> & { idNumber: string };
};

export type ResultState = { status: 'none' } | { status: 'published'; result: PublishedResult };

/** A result is published once, for an existing entry, with a sane score and components. */
export const resultDecider: Decider<ResultCommand, ResultEvent, ResultState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'PublishResult': {
        if (state.status !== 'none') throw new DomainError('conflict', ResultErrors.EXISTS, 'This result is already published.');
        const { entry, data } = command;
        if (entry.status !== 'entered') {
          throw new DomainError('not-found', EntryErrors.NOT_FOUND, `No candidate is entered with ID Number ${data.idNumber}.`);
        }
        const skills = data.components.map((c) => c.skill.toLowerCase());
        if (new Set(skills).size !== skills.length) {
          throw new DomainError('invalid', ResultErrors.DUPLICATE_SKILL, 'Each skill may appear only once in components.');
        }
        return [
          {
            type: 'ResultPublished',
            data: {
              ...data,
              entryId: entry.entryId,
              idNumber: entry.idNumber,
              candidate: { name: entry.name, dateOfBirth: entry.dateOfBirth },
            },
          },
        ];
      }
      default: {
        const unknown: never = command.type;
        throw new Error(`unknown command ${String(unknown)}`);
      }
    }
  },
  evolve(_state, event) {
    switch (event.type) {
      case 'ResultPublished':
        return { status: 'published', result: event.data };
      default: {
        const unknown: never = event.type;
        throw new Error(`unknown event ${String(unknown)}`);
      }
    }
  },
};
