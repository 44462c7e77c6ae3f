import { aggregateStream } from '#libs/event-store';
import { invitedRecipientName, type OrganisationKindV1, type ResultDetails } from '#libs/contracts';
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

/**
 * Internal: the candidate asked to send a result to an organisation they invited, which has no
 * account yet. The share waits under the id it keeps once delivered (see invitedShareIdOf).
 */
export interface SharePendingData {
  shareId: string;
  resultId: string;
  candidateId: string;
  invitationId: string;
  /** The name the candidate invited the organisation under. */
  organisationName: string;
  candidate: { name: string; dateOfBirth: string; idNumber: string };
  result: ResultDetails & { verificationCode: string };
  consent: { textVersion: string; givenAt: string };
  requestedAt: string;
}

/** Why a pending share will never be delivered. */
export type LapseReason = 'invitation-expired' | 'result-withdrawn' | 'restricted';

/** Internal: a pending share lapsed (its invitation expired first, or the result was withdrawn meanwhile). */
export interface ShareLapsedData {
  shareId: string;
  invitationId: string;
  lapsedAt: string;
  /** Absent means the invitation expired. */
  reason?: LapseReason;
}

export type ShareWithdrawnBy = 'candidate' | 'exam-centre';

export interface ShareWithdrawnData {
  shareId: string;
  resultId: string;
  recipientId: string;
  organisationId: string;
  withdrawnAt: string;
  by: ShareWithdrawnBy;
  /** Null when the candidate withdrew; the exam centre's reason otherwise. */
  reason: string | null;
}

export type DeliveryChannel = 'webhook' | 'feed';

export interface ShareDeliveredData {
  shareId: string;
  resultId: string;
  recipientId: string;
  organisationId: string;
  deliveredAt: string;
  channel: DeliveryChannel;
}

/** The fields of a result an exam centre amended, each with its new value. */
export interface ResultChanges {
  overallScore?: number;
  grade?: string;
  cefrLevel?: string;
  components?: { skill: string; score: number }[];
}

export interface ShareAmendedData {
  shareId: string;
  resultId: string;
  recipientId: string;
  organisationId: string;
  amendedAt: string;
  reason: string;
  changes: ResultChanges;
  /** The whole current version of the result. */
  result: ResultDetails & { verificationCode: string };
}

/** The Share aggregate's events: one stream per (result, recipient account), `share-<shareId>`. */
export type ShareEvent =
  | { type: 'ResultShared'; data: ResultSharedData }
  | { type: 'ResultRead'; data: ResultReadData }
  | { type: 'SharePending'; data: SharePendingData }
  | { type: 'ShareLapsed'; data: ShareLapsedData }
  | { type: 'ShareWithdrawn'; data: ShareWithdrawnData }
  | { type: 'ShareDelivered'; data: ShareDeliveredData }
  | { type: 'ShareAmended'; data: ShareAmendedData };

export const shareStream = aggregateStream<ShareEvent>('share-');

/**
 * A UUID-shaped id derived from (result, recipient): the same pair always lands on the same
 * stream, so sending twice, even at the same moment, can only ever make one share.
 */
export const shareIdOf = (resultId: string, recipientId: string): string => deterministicUuid(`${resultId}:${recipientId}`, 5);

/**
 * The recipient account an accepted invitation becomes (the directory derives it the same way),
 * so a share waiting for an invited organisation keeps its id once delivered.
 */
export const invitedRecipientIdOf = (invitationId: string): string => deterministicUuid(invitedRecipientName(invitationId));

/** The id of a share to an invited organisation: the one it keeps once the organisation has joined. */
export const invitedShareIdOf = (resultId: string, invitationId: string): string => shareIdOf(resultId, invitedRecipientIdOf(invitationId));

export const shareStreamId = (shareId: string) => shareStream.id(shareId);

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
