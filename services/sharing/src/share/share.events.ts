import { createHash } from 'node:crypto';
import type { ResultDetails } from '#libs/contracts';

export type RecipientKind = 'education' | 'employer' | 'immigration';

/** What the recipient account was when the result was sent (kept, even if the directory changes later). */
export interface RecipientSnapshot {
  recipientId: string;
  organisationId: string;
  organisationName: string;
  department: string | null;
  kind: RecipientKind;
}

export interface ResultSharedData {
  shareId: string;
  resultId: string;
  candidateId: string;
  recipient: RecipientSnapshot;
  candidate: { name: string; dateOfBirth: string; idNumber: string };
  result: ResultDetails & { verificationCode: string };
  /** The consent the candidate gave by sending: which text they saw, and when. */
  consent: { textVersion: string; givenAt: string };
  sharedAt: string;
}

export interface ResultReadData {
  shareId: string;
  resultId: string;
  recipientId: string;
  organisationId: string;
  readAt: string;
  /** The organisation user who opened it first. */
  readBy: string;
}

/** The Share aggregate's events: one stream per (result, recipient account), `share-<shareId>`. */
export type ShareEvent = { type: 'ResultShared'; data: ResultSharedData } | { type: 'ResultRead'; data: ResultReadData };

export const SHARE_STREAM_PREFIX = 'share-';

/**
 * A UUID-shaped id derived from (result, recipient): the same pair always lands on the same
 * stream, so sending twice, even at the same moment, can only ever make one share.
 */
export function shareIdOf(resultId: string, recipientId: string): string {
  const hex = createHash('sha256').update(`${resultId}:${recipientId}`).digest('hex');
  // Version 5 and RFC 4122 variant bits, so every UUID validator accepts it.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const shareStreamId = (shareId: string): string => `${SHARE_STREAM_PREFIX}${shareId}`;

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
