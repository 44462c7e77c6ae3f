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
  /** The last amendment (the details above are the current version), or null. */
  amendedAt: string | null;
  /** Set when the exam centre withdrew the result: it can no longer be sent. */
  withdrawnAt: string | null;
}

/** An amendment by the exam centre: the reason and at least one changed field. */
export interface AmendResultBody {
  reason: string;
  overallScore?: number;
  grade?: string;
  cefrLevel?: string;
  components?: SkillScore[];
}

export interface WithdrawResultBody {
  reason: string;
}

/** A result as it now is, with its history (the exam centre's answer to an amendment or withdrawal). */
export interface CurrentResult extends ResultDetails {
  resultId: string;
  idNumber: string;
  verificationCode: string;
  amendments: { at: string; reason: string; changes: Partial<Pick<ResultDetails, 'overallScore' | 'grade' | 'cefrLevel' | 'components'>> }[];
  withdrawal: { at: string; reason: string } | null;
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

/** A statement verifies as genuine, unknown ("not-found": also a wrong date of birth) or withdrawn by the exam centre. */
export type VerificationStatus = 'genuine' | 'not-found' | 'withdrawn';

/** One statement to check: the code printed on it and the candidate's date of birth (YYYY-MM-DD). */
export interface VerifyStatementBody {
  code: string;
  dateOfBirth: string;
}

/**
 * The answer for one statement: `code` as it was sent; `result` only when genuine and the date of
 * birth matched. A wrong date of birth answers exactly like an unknown code, so codes cannot be enumerated.
 */
export interface StatementVerification {
  code: string;
  status: VerificationStatus;
  result?: VerifiedResult;
}

/** Up to 2,000 statements (BULK_VERIFICATION_MAX_ITEMS) in one request. */
export interface BulkVerificationBody {
  items: VerifyStatementBody[];
}

/** One answer per item, in the order sent. */
export interface BulkVerification {
  items: StatementVerification[];
}

/** The statement's language: `ja` lays it out in Japanese with the English beside each label. */
export type StatementLanguage = 'en' | 'ja';

/** `lang` wins over the request's Accept-Language; English when neither names Japanese. */
export interface StatementQuery {
  lang?: StatementLanguage;
}
