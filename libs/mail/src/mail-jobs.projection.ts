import type { StoredEvent } from '#libs/event-store';
import type { DocumentCollection } from '#libs/persistence';
import type { Projection } from '#libs/projections';
import { MAIL_JOBS_COLLECTION, type MailJob } from './mail-job.js';

/** The part of a DocumentStore the mail outbox needs. */
export interface MailJobStore {
  collection<T extends { _id: string }>(name: string): DocumentCollection<T>;
}

/**
 * Turns the events that ask for an e-mail into mail jobs. A projection like any other: the
 * relay hands it every event at least once (also after a crash between the append and the send),
 * and a job's `_id` is its event's id, so a repeat changes nothing. It is never emptied: `reset`
 * (a rebuild) keeps the jobs, so a rebuild sends nothing twice; a replayed old event whose job
 * is gone is dropped by the composer when its link has expired.
 */
export class MailJobsProjection implements Projection {
  readonly name = 'mail-jobs';
  readonly jobs: DocumentCollection<MailJob>;
  private readonly listeners = new Set<() => void>();

  constructor(
    documents: MailJobStore,
    /** The event types that ask for an e-mail. */
    private readonly mailTypes: ReadonlySet<string>,
  ) {
    this.jobs = documents.collection<MailJob>(MAIL_JOBS_COLLECTION);
  }

  async init(): Promise<void> {
    await this.jobs.ensureIndex({ sentAt: 1, dueAt: 1 });
  }

  async apply(event: StoredEvent): Promise<void> {
    await this.applyBatch([event]);
  }

  async applyBatch(events: readonly StoredEvent[]): Promise<void> {
    const jobs = events
      .filter((event) => this.mailTypes.has(event.type))
      .map((event): MailJob => ({ _id: event.eventId, event, attempts: 0, dueAt: event.occurredAt, leaseUntil: '', sentAt: null, droppedAt: null, lastError: null }));
    if (jobs.length === 0) return;
    await this.jobs.insertMany(jobs, { ignoreDuplicates: true });
    for (const listener of this.listeners) listener();
  }

  /** Mail jobs are work, not a view: a rebuild leaves them (see the class comment). */
  async reset(): Promise<void> {}

  /** Called after new jobs are written (the worker in this process sends at once). */
  onJobs(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
