import { date, dateTime, issuedResultSchema, resultChangesSchema, resultDetailsProperties, str, type ResultChangesV1, type ResultDetails } from './common.schema.js';

/** results → identity: a candidate was entered for an exam (identity checks registration against it). */
export interface CandidateEnteredV1 {
  entryId: string;
  idNumber: string;
  /** argon2id hash of the Secret Number; the number itself is shown once and never stored. */
  secretHash: string;
  name: string;
  dateOfBirth: string;
  exam: string;
  centre: string;
}

export const candidateEnteredV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['entryId', 'idNumber', 'secretHash', 'name', 'dateOfBirth', 'exam', 'centre'],
  properties: {
    entryId: str(),
    idNumber: str(50),
    secretHash: str(),
    name: str(200),
    dateOfBirth: date,
    exam: str(200),
    centre: str(200),
  },
} as const;

/** results → sharing: a result was published; candidates see it from `releaseAt` on. */
export interface ResultPublishedV1 extends ResultDetails {
  resultId: string;
  entryId: string;
  idNumber: string;
  candidate: { name: string; dateOfBirth: string };
  releaseAt: string;
  restrictions: string[];
  verificationCode: string;
}

export const resultPublishedV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'resultId',
    'entryId',
    'idNumber',
    'candidate',
    'releaseAt',
    'restrictions',
    'verificationCode',
    ...Object.keys(resultDetailsProperties),
  ],
  properties: {
    resultId: str(),
    entryId: str(),
    idNumber: str(50),
    candidate: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'dateOfBirth'],
      properties: { name: str(200), dateOfBirth: date },
    },
    releaseAt: dateTime,
    restrictions: { type: 'array', maxItems: 20, items: str(100) },
    verificationCode: str(100),
    ...resultDetailsProperties,
  },
} as const;

/**
 * results → sharing, organisations' systems: an exam centre amended a published result (a re-mark).
 * `changes` holds the changed fields' new values; `result` the whole current version.
 */
export interface ResultAmendedV1 {
  resultId: string;
  amendedAt: string;
  reason: string;
  changes: ResultChangesV1;
  result: ResultDetails & { verificationCode: string };
}

export const resultAmendedV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['resultId', 'amendedAt', 'reason', 'changes', 'result'],
  properties: {
    resultId: str(),
    amendedAt: dateTime,
    reason: str(1000),
    changes: resultChangesSchema,
    result: issuedResultSchema,
  },
} as const;

/** results → sharing, organisations' systems: an exam centre withdrew a published result; it verifies as withdrawn and cannot be sent again. */
export interface ResultWithdrawnV1 {
  resultId: string;
  withdrawnAt: string;
  reason: string;
}

export const resultWithdrawnV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['resultId', 'withdrawnAt', 'reason'],
  properties: { resultId: str(), withdrawnAt: dateTime, reason: str(1000) },
} as const;
