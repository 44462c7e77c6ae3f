import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '#libs/domain';
import { EventStore, runDecider } from '#libs/event-store';
import { RateLimiter, type RateLimit } from '#libs/platform';
import { CandidateEntries } from '../../projections/candidate-entries.projection.js';
import { normaliseIdNumber } from '../../security/accounts.js';
import { hashPassword, verifyDummy, verifyPassword } from '../../security/passwords.js';
import { candidateAccountDecider } from '../candidate-account.decider.js';
import { CandidateAccountErrors } from '../candidate-account.errors.js';
import { candidateStreamId } from '../candidate-account.events.js';
import { RegisterCandidateCommand, type RegisteredCandidate } from './register-candidate.command.js';

const REGISTRATION_LIMIT: RateLimit = { max: 10, windowMs: 15 * 60_000 };

export const WRONG_PAIR = 'The ID Number and Secret Number do not match our records.';

@CommandHandler(RegisterCandidateCommand)
export class RegisterCandidateHandler implements ICommandHandler<RegisterCandidateCommand, RegisteredCandidate> {
  constructor(
    private readonly store: EventStore,
    private readonly entries: CandidateEntries,
    @Inject(RateLimiter) private readonly limiter: RateLimiter,
  ) {}

  async execute(command: RegisterCandidateCommand): Promise<RegisteredCandidate> {
    const idNumber = normaliseIdNumber(command.idNumber);
    // Counted per ID Number before anything is checked: guessing a Secret Number is hopeless.
    if (!(await this.limiter.hit(`register:${idNumber}`, REGISTRATION_LIMIT))) {
      throw new DomainError('rate-limited', CandidateAccountErrors.TOO_MANY_ATTEMPTS, 'Too many registration attempts for this ID Number. Please try again in 15 minutes.');
    }
    if (!(await this.secretMatches(idNumber, command.secretNumber))) {
      // Unknown ID Number and wrong Secret Number: the same answer, after about the same time.
      throw new DomainError('invalid', CandidateAccountErrors.NO_MATCH, WRONG_PAIR);
    }
    const candidateId = randomUUID();
    const passwordHash = await hashPassword(command.password);
    await runDecider(
      this.store,
      candidateStreamId(idNumber),
      candidateAccountDecider,
      { type: 'RegisterCandidate', data: { candidateId, idNumber, email: command.email.toLowerCase(), passwordHash } },
      { correlationId: command.correlationId, causationId: null, actor: candidateId },
    );
    return { candidateId };
  }

  private async secretMatches(idNumber: string, secretNumber: string): Promise<boolean> {
    const entry = await this.entries.byIdNumber(idNumber);
    // Secret Numbers are printed in capitals; a candidate may type them in lower case. Both paths
    // verify as many times, so an unknown ID Number cannot be told apart by timing.
    const tries = [...new Set([secretNumber, secretNumber.toUpperCase()])];
    for (const attempt of tries) {
      if (entry ? await verifyPassword(entry.secretHash, attempt) : await verifyDummy(attempt)) return true;
    }
    return false;
  }
}
