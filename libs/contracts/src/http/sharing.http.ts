// sharing's public HTTP bodies and answers (its request and response DTOs implement these).
import type { IntegrationEnvelope } from '../envelope.js';
import type { ResultDetails } from '../events/common.schema.js';

export type ShareStatus = 'unread' | 'read';

/** The recipient account a share went to, as it was when the result was sent. */
export interface ShareRecipient {
  recipientId: string;
  organisationName: string;
  department: string | null;
}

export interface SendResultBody {
  resultId: string;
  recipientId: string;
  consent: true;
}

/** 201 when sent, 200 for a repeat (the same share, as it is now). */
export interface SentShare {
  shareId: string;
  status: ShareStatus;
  sharedAt: string;
}

export interface MyShare {
  shareId: string;
  resultId: string;
  recipient: ShareRecipient;
  sharedAt: string;
  status: ShareStatus;
  readAt: string | null;
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
  status?: ShareStatus;
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
  status?: ShareStatus;
  recipientId?: string;
  from?: string;
  to?: string;
}

export interface InboxShare {
  shareId: string;
  resultId: string;
  recipient: ShareRecipient;
  /** ID Number and date of birth tell two candidates of one name apart. */
  candidate: { name: string; dateOfBirth: string; idNumber: string };
  qualification: string;
  cefrLevel: string;
  sharedAt: string;
  status: ShareStatus;
  readAt: string | null;
}

/** A page of the inbox, unread first, then newest; `nextCursor` is null on the last page. */
export interface Inbox {
  items: InboxShare[];
  nextCursor: string | null;
}

/** A shared result opened in full (the first opening marks it read). */
export interface OpenedShare {
  shareId: string;
  status: ShareStatus;
  sharedAt: string;
  readAt: string | null;
  recipient: ShareRecipient;
  candidate: { name: string; dateOfBirth: string; idNumber: string };
  result: ResultDetails & { verificationCode: string };
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
