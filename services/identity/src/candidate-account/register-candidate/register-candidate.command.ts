import { Command } from '@nestjs/cqrs';

export interface RegisteredCandidate {
  candidateId: string;
}

export class RegisterCandidateCommand extends Command<RegisteredCandidate> {
  constructor(
    readonly idNumber: string,
    readonly secretNumber: string,
    readonly email: string,
    readonly password: string,
    readonly correlationId: string,
  ) {
    super();
  }
}
