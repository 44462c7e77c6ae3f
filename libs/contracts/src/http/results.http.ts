// results' public HTTP bodies and answers (its request and response DTOs implement these).
import type { ResultDetails } from '../events/common.schema.js';

/** One skill's score (the result's components). */
export type SkillScore = ResultDetails['components'][number];

export interface EnterCandidateBody {
  name: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  exam: string;
  centre: string;
}

/** The Secret Number is shown only here, once. */
export interface EnteredCandidate {
  entryId: string;
  idNumber: string;
  secretNumber: string;
}

/** `no-immigration`: not to be sent to immigration authorities. */
export type Restriction = 'no-immigration';

/** The result's details (`examDate`: YYYY-MM-DD) for one candidate's entry. */
export interface PublishResultBody extends ResultDetails {
  idNumber: string;
  /** A date and time with its offset; the candidate sees the result from then on. */
  releaseAt?: string;
  restrictions?: Restriction[];
}

export interface PublishedResult {
  resultId: string;
}

export interface MyResult extends ResultDetails {
  resultId: string;
  releasedAt: string;
  restrictions: string[];
  verificationCode: string;
}

export interface MyResults {
  items: MyResult[];
}

/** A genuine Statement of Results, as issued. */
export interface VerifiedResult {
  verificationCode: string;
  candidate: { name: string; dateOfBirth: string; idNumber: string };
  qualification: string;
  cefrLevel: string;
  overallScore: number;
  grade: string;
  components: SkillScore[];
  examDate: string;
}
