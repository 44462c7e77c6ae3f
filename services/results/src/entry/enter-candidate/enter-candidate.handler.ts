import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import argon2 from 'argon2';
import { hasCode } from '#libs/domain';
import { EventStore, runDecider } from '#libs/event-store';
import { entryDecider } from '../entry.decider.js';
import { EntryErrors } from '../entry.errors.js';
import { entryStreamId } from '../entry.events.js';
import { newIdNumber, newSecretNumber } from './candidate-numbers.js';
import { EnterCandidateCommand, type EnteredCandidate } from './enter-candidate.command.js';

@CommandHandler(EnterCandidateCommand)
export class EnterCandidateHandler implements ICommandHandler<EnterCandidateCommand, EnteredCandidate> {
  constructor(private readonly store: EventStore) {}

  async execute(command: EnterCandidateCommand): Promise<EnteredCandidate> {
    const secretNumber = newSecretNumber();
    const secretHash = await argon2.hash(secretNumber, { type: argon2.argon2id });
    // A clash with an existing ID Number is rare: draw another.
    for (let attempt = 0; attempt < 5; attempt++) {
      const idNumber = newIdNumber();
      const entryId = randomUUID();
      try {
        await runDecider(
          this.store,
          entryStreamId(idNumber),
          entryDecider,
          {
            type: 'EnterCandidate',
            data: { entryId, idNumber, secretHash, name: command.name, dateOfBirth: command.dateOfBirth, exam: command.exam, centre: command.centre },
          },
          { correlationId: command.correlationId, causationId: null, actor: command.by.sub },
        );
        return { entryId, idNumber, secretNumber };
      } catch (error) {
        if (!hasCode(error, EntryErrors.EXISTS)) throw error;
      }
    }
    throw new Error('could not draw a free ID Number');
  }
}
