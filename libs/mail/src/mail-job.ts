import type { StoredEvent } from '#libs/event-store';

export const MAIL_JOBS_COLLECTION = 'mail_jobs';

/**
 * One e-mail a stored event asks for (`_id` = the event's id): written by the mail projection
 * (at least once, idempotent by `_id`), sent by the mail worker (once in effect: the message id
 * is derived from the event, so a resend after a crash is the same message).
 */
export interface MailJob {
  _id: string;
  /** The event the mail is a consequence of: the composer reads everything it needs from it. */
  event: StoredEvent;
  /** Sends so far that failed. */
  attempts: number;
  /** Not before (ISO time): a failed send waits, longer each time. */
  dueAt: string;
  /** A worker holds the job until then (ISO time); '' when nobody does. */
  leaseUntil: string;
  sentAt: string | null;
  /** Set when the composer said the mail no longer makes sense (its link expired): never sent. */
  droppedAt: string | null;
  lastError: string | null;
}

/** Pauses between failed sends: 1 s, 2 s, 4 s … at most 5 minutes. */
export const mailRetryMs = (attempts: number): number => Math.min(300_000, 1_000 * 2 ** Math.max(0, attempts - 1));
