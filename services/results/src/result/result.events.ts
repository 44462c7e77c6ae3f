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

/** The Result aggregate's events: one stream per result (`result-<resultId>`). */
export type ResultEvent = { type: 'ResultPublished'; data: PublishedResult };

export const resultStream = aggregateStream<ResultEvent>('result-');
export const resultStreamId = (resultId: string) => resultStream.id(resultId);
