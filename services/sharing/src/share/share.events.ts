import { aggregateStream } from '#libs/event-store';
import type { OrganisationKindV1, ResultDetails } from '#libs/contracts';
import { deterministicUuid } from '#libs/domain';

/** What the recipient account was when the result was sent (kept, even if the directory changes later). */
export interface RecipientSnapshot {
  recipientId: string;
  organisationId: string;
  organisationName: string;
  department: string | null;
  kind: OrganisationKindV1;
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

export const shareStream = aggregateStream<ShareEvent>('share-');

/**
 * A UUID-shaped id derived from (result, recipient): the same pair always lands on the same
 * stream, so sending twice, even at the same moment, can only ever make one share.
 */
export const shareIdOf = (resultId: string, recipientId: string): string => deterministicUuid(`${resultId}:${recipientId}`, 5);

export const shareStreamId = (shareId: string) => shareStream.id(shareId);

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
