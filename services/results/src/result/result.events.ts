import { aggregateStream } from '#libs/event-store';
import type { ResultDetails } from '#libs/contracts';

export const KNOWN_RESTRICTIONS = ['no-immigration'] as const;
export type Restriction = (typeof KNOWN_RESTRICTIONS)[number];

export interface PublishedResult extends ResultDetails {
  resultId: string;
  entryId: string;
  idNumber: string;
  candidate: { name: string; dateOfBirth: string };
  releaseAt: string;
  restrictions: Restriction[];
  verificationCode: string;
}

/** The fields of a result an exam centre may amend (a re-mark), each with its new value. */
export type ResultChanges = Partial<Pick<ResultDetails, 'overallScore' | 'grade' | 'cefrLevel' | 'components'>>;

/** The result as it now is, with the code printed on its statement (what organisations are sent). */
export type CurrentDetails = ResultDetails & { verificationCode: string };

export interface ResultAmendment {
  resultId: string;
  amendedAt: string;
  reason: string;
  /** Only the fields that changed, with their new values (at least one). */
  changes: ResultChanges;
  /** The whole current version after the amendment. */
  current: CurrentDetails;
}

export interface ResultWithdrawal {
  resultId: string;
  withdrawnAt: string;
  reason: string;
}

/** The Result aggregate's events: one stream per result (`result-<resultId>`). */
export type ResultEvent =
  | { type: 'ResultPublished'; data: PublishedResult }
  | { type: 'ResultAmended'; data: ResultAmendment }
  | { type: 'ResultWithdrawn'; data: ResultWithdrawal };

export const resultStream = aggregateStream<ResultEvent>('result-');
export const resultStreamId = (resultId: string) => resultStream.id(resultId);
