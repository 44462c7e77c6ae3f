// sharing's public HTTP bodies and answers (its request and response DTOs implement these).
import type { IntegrationEnvelope } from '../envelope.js';
import type { ResultDetails } from '../events/common.schema.js';

/**
 * A share's status as the candidate sees it: `pending` waits for an invited organisation to join
 * (and be approved), `lapsed` when its invitation expired first.
 */
export type ShareStatus = 'pending' | 'unread' | 'read' | 'withdrawn' | 'lapsed';
/** A share's status as the organisation sees it. */
export type InboxStatus = 'unread' | 'read' | 'withdrawn';

/** One step of a share's life, with its time. */
export interface ShareTimelineEntry {
  event: 'sent' | 'delivered' | 'read' | 'withdrawn' | 'amended' | 'lapsed';
  at: string;
}

/** Why a share was withdrawn and by whom (the exam centre withdraws by withdrawing the result). */
export interface ShareWithdrawal {
  at: string;
  by: 'candidate' | 'exam-centre';
  reason: string | null;
}

/** One amendment of the result behind a share: the changed fields' new values. */
export interface ResultAmendment {
  at: string;
  reason: string;
  changes: { overallScore?: number; grade?: string; cefrLevel?: string; components?: { skill: string; score: number }[] };
}

/** The recipient account a share went to, as it was when the result was sent. */
export interface ShareRecipient {
  recipientId: string;
  organisationName: string;
  department: string | null;
}

/**
 * To a listed recipient account, or (`invitationId`, from inviting an organisation) to an invited
 * organisation: that share waits (202, `pending`) and is delivered when the organisation joins.
 */
export type SendResultBody = { resultId: string; recipientId: string; consent: true } | { resultId: string; invitationId: string; consent: true };

/** 201 when sent, 200 for a repeat (the same share, as it is now), 202 `pending` for an invited organisation (no `sharedAt` yet). */
export interface SentShare {
  shareId: string;
  status: ShareStatus;
  sharedAt?: string;
}

export interface MyShare {
  shareId: string;
  resultId: string;
  /** For a pending share: the invited organisation's name and the account it will have. */
  recipient: ShareRecipient;
  /** When it was sent; for a pending or lapsed share, when the candidate asked for it to be sent. */
  sharedAt: string;
  status: ShareStatus;
  readAt: string | null;
  /** The last amendment of the result, if any. */
  amendedAt: string | null;
  /** Oldest first. */
  timeline: ShareTimelineEntry[];
  /** Set for a share that waits or waited for an invited organisation. */
  invitationId?: string;
  withdrawal?: ShareWithdrawal;
}

/** A page of "Shared with", newest first; `nextCursor` is null on the last page. */
export interface MyShares {
  items: MyShare[];
  nextCursor: string | null;
}

/** Paging through "Shared with": `limit` 1–200 (default 50), `cursor` a `nextCursor` as given. */
export interface MySharesQuery {
  limit?: number;
  cursor?: string;
}

/**
 * The inbox's filters and paging. `q`: part of the candidate's name, or their ID Number;
 * `from`/`to`: when shared, a date (YYYY-MM-DD, whole days in UTC) or a date-time, both
 * inclusive; `limit` 1–200 (default 50); `cursor`: a `nextCursor` as given, with the same filters.
 */
export interface InboxQuery {
  status?: InboxStatus;
  recipientId?: string;
  q?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** The export's filters (as the inbox's, without paging): answered as `text/csv`. */
export interface InboxExportQuery {
  format?: 'csv';
  status?: InboxStatus;
  recipientId?: string;
  from?: string;
  to?: string;
}

export interface InboxShare {
  shareId: string;
  resultId: string;
  recipient: ShareRecipient;
  /** ID Number and date of birth tell two candidates of one name apart. Absent once withdrawn. */
  candidate?: { name: string; dateOfBirth: string; idNumber: string };
  /** The current version's (after amendments); absent once withdrawn. */
  qualification?: string;
  cefrLevel?: string;
  sharedAt: string;
  status: InboxStatus;
  readAt: string | null;
  amendedAt: string | null;
  withdrawal?: ShareWithdrawal;
}

/** A page of the inbox, unread first, then newest; `nextCursor` is null on the last page. */
export interface Inbox {
  items: InboxShare[];
  nextCursor: string | null;
}

/** A shared result opened in full (the first opening marks it read). */
export interface OpenedShare {
  shareId: string;
  status: InboxStatus;
  sharedAt: string;
  readAt: string | null;
  recipient: ShareRecipient;
  /** Absent once withdrawn (a withdrawn share shows no candidate or result details). */
  candidate?: { name: string; dateOfBirth: string; idNumber: string };
  /** The current version, after any amendments; absent once withdrawn. */
  result?: ResultDetails & { verificationCode: string };
  /** Oldest first; empty when the result was never amended. */
  amendments: ResultAmendment[];
  withdrawal?: ShareWithdrawal;
  /** Oldest first. */
  timeline: ShareTimelineEntry[];
}

export interface FeedQuery {
  /** A position returned as nextCursor (names the same event for ever); omit or `0` for the beginning. */
  after?: string;
  /** 1–2,000 (default 100). */
  limit?: number;
}

/** An integration event as published (IntegrationEnvelope; its data per the AsyncAPI document). */
export type FeedEvent = IntegrationEnvelope<string, Record<string, unknown>>;

export interface FeedPage {
  items: FeedEvent[];
  nextCursor: string;
}

export interface PutWebhookBody {
  url: string;
}

/** The signing secret is shown only here. */
export interface WebhookCreated {
  url: string;
  secret: string;
  createdAt: string;
}

export interface Webhook {
  url: string;
  createdAt: string;
  /** status 0: no HTTP answer. */
  lastDelivery: { at: string; status: number } | null;
}
