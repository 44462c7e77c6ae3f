import { date, dateTime, kind, nullableStr, issuedResultSchema, resultChangesSchema, str, type ResultChangesV1, type ResultDetails } from './common.schema.js';
import type { OrganisationKindV1 } from './directory.events.js';

/** sharing → organisations' systems: a candidate sent a result to a recipient account, with consent. */
export interface ResultSharedV1 {
  shareId: string;
  resultId: string;
  candidateId: string;
  recipient: {
    recipientId: string;
    organisationId: string;
    organisationName: string;
    department: string | null;
    kind: OrganisationKindV1;
  };
  candidate: { name: string; dateOfBirth: string; idNumber: string };
  result: ResultDetails & { verificationCode: string };
  consent: { textVersion: string; givenAt: string };
  sharedAt: string;
}

export const resultSharedV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['shareId', 'resultId', 'candidateId', 'recipient', 'candidate', 'result', 'consent', 'sharedAt'],
  properties: {
    shareId: str(),
    resultId: str(),
    candidateId: str(),
    recipient: {
      type: 'object',
      additionalProperties: false,
      required: ['recipientId', 'organisationId', 'organisationName', 'department', 'kind'],
      properties: {
        recipientId: str(),
        organisationId: str(),
        organisationName: str(300),
        department: nullableStr(300),
        kind,
      },
    },
    candidate: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'dateOfBirth', 'idNumber'],
      properties: { name: str(200), dateOfBirth: date, idNumber: str(50) },
    },
    result: issuedResultSchema,
    consent: {
      type: 'object',
      additionalProperties: false,
      required: ['textVersion', 'givenAt'],
      properties: { textVersion: str(50), givenAt: dateTime },
    },
    sharedAt: dateTime,
  },
} as const;

/** sharing → candidates' view, organisations' systems: a recipient opened a shared result the first time. */
export interface ResultReadV1 {
  shareId: string;
  resultId: string;
  recipientId: string;
  organisationId: string;
  readAt: string;
  readBy: string;
}

export const resultReadV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['shareId', 'resultId', 'recipientId', 'organisationId', 'readAt', 'readBy'],
  properties: {
    shareId: str(),
    resultId: str(),
    recipientId: str(),
    organisationId: str(),
    readAt: dateTime,
    readBy: str(),
  },
} as const;

/** Who took a share back: the candidate (before it was read), or the exam centre by withdrawing the result. */
export type ShareWithdrawnByV1 = 'candidate' | 'exam-centre';

/**
 * sharing → organisations' systems: a share was withdrawn. By the candidate before it was read, or
 * because the exam centre withdrew the result (`reason` then says why). The details are no longer
 * shown to the organisation.
 */
export interface ShareWithdrawnV1 {
  shareId: string;
  resultId: string;
  recipientId: string;
  organisationId: string;
  withdrawnAt: string;
  by: ShareWithdrawnByV1;
  reason: string | null;
}

export const shareWithdrawnV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['shareId', 'resultId', 'recipientId', 'organisationId', 'withdrawnAt', 'by', 'reason'],
  properties: {
    shareId: str(),
    resultId: str(),
    recipientId: str(),
    organisationId: str(),
    withdrawnAt: dateTime,
    by: { type: 'string', enum: ['candidate', 'exam-centre'] },
    reason: nullableStr(1000),
  },
} as const;

/** How a share reached the organisation's own system. */
export type DeliveryChannelV1 = 'webhook' | 'feed';

/**
 * sharing → candidates' view, organisations' systems: the organisation's system has the share (its
 * webhook answered 2xx, or its pull feed was served past the share). Recorded once per share, the first time.
 */
export interface ShareDeliveredV1 {
  shareId: string;
  resultId: string;
  recipientId: string;
  organisationId: string;
  deliveredAt: string;
  channel: DeliveryChannelV1;
}

export const shareDeliveredV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['shareId', 'resultId', 'recipientId', 'organisationId', 'deliveredAt', 'channel'],
  properties: {
    shareId: str(),
    resultId: str(),
    recipientId: str(),
    organisationId: str(),
    deliveredAt: dateTime,
    channel: { type: 'string', enum: ['webhook', 'feed'] },
  },
} as const;

/**
 * sharing → organisations' systems: the exam centre amended a result this organisation holds a share
 * of; `result` is the current version, `changes` the fields that changed (their new values).
 */
export interface ShareAmendedV1 {
  shareId: string;
  resultId: string;
  recipientId: string;
  organisationId: string;
  amendedAt: string;
  reason: string;
  changes: ResultChangesV1;
  result: ResultDetails & { verificationCode: string };
}

export const shareAmendedV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['shareId', 'resultId', 'recipientId', 'organisationId', 'amendedAt', 'reason', 'changes', 'result'],
  properties: {
    shareId: str(),
    resultId: str(),
    recipientId: str(),
    organisationId: str(),
    amendedAt: dateTime,
    reason: str(1000),
    changes: resultChangesSchema,
    result: issuedResultSchema,
  },
} as const;
