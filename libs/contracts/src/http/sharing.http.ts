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

export interface MyShares {
  items: MyShare[];
}

export interface InboxQuery {
  status?: ShareStatus;
  recipientId?: string;
}

export interface InboxShare {
  shareId: string;
  resultId: string;
  recipient: ShareRecipient;
  candidate: { name: string };
  qualification: string;
  cefrLevel: string;
  sharedAt: string;
  status: ShareStatus;
  readAt: string | null;
}

export interface Inbox {
  items: InboxShare[];
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
  /** A cursor returned as nextCursor. */
  after?: string;
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
