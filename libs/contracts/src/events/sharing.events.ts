import { date, dateTime, kind, nullableStr, resultDetailsProperties, str, type ResultDetails } from './common.schema.js';
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
    result: {
      type: 'object',
      additionalProperties: false,
      required: [...Object.keys(resultDetailsProperties), 'verificationCode'],
      properties: { ...resultDetailsProperties, verificationCode: str(100) },
    },
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
