import { aggregateStream } from '#libs/event-store';
/** The CandidateAccount aggregate's events: one stream per ID Number, so one account per ID Number. */
export type CandidateAccountEvent =
  | {
      type: 'CandidateRegistered';
      data: { candidateId: string; idNumber: string; email: string; passwordHash: string };
    }
  | { type: 'CandidatePasswordChanged'; data: { passwordHash: string } };

export const candidateStream = aggregateStream<CandidateAccountEvent>('candidate-');
export const candidateStreamId = (idNumber: string) => candidateStream.id(idNumber);
