import { Command } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';

export interface EnteredCandidate {
  entryId: string;
  idNumber: string;
  /** Shown once to the exam centre; only its hash is kept. */
  secretNumber: string;
}

export class EnterCandidateCommand extends Command<EnteredCandidate> {
  constructor(
    readonly name: string,
    readonly dateOfBirth: string,
    readonly exam: string,
    readonly centre: string,
    readonly by: Principal,
    readonly correlationId: string,
  ) {
    super();
  }
}
