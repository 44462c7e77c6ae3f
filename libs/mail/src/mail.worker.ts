import type { StoredEvent } from '#libs/event-store';
import { mailRetryMs, type MailJob } from './mail-job.js';
import type { MailJobsProjection } from './mail-jobs.projection.js';
import type { Mailer, MailMessage } from './mailer.js';

/**
 * Writes the e-mail a stored event asks for (links and tokens are derived from the event, never
 * stored), or null when it no longer makes sense to send it (its link expired while the mail
 * server was down, or an old event replayed by a rebuild).
 */
export type MailComposer = (event: StoredEvent) => Promise<Omit<MailMessage, 'messageId'> | null>;

export interface MailWorkerOptions {
  /** How often to look for due jobs (new jobs written in this process are sent at once). */
  pollMs?: number;
  /** How long a claim holds: above the SMTP mailer's timeouts (10 s + 10 s + 20 s), so a live worker never loses it mid-send. */
  leaseMs?: number;
  /** Jobs claimed per look. */
  batchSize?: number;
  /** Sent or dropped jobs are deleted after this long. */
  keepMs?: number;
  now?: () => Date;
  logger?: { error(message: string): void; warn(message: string): void };
}

/** A message id derived from the event: a resend after a crash is the same message to every mail system. */
export const messageIdOf = (eventId: string): string => `<${eventId}@results.example>`;

/**
 * Sends the mail jobs: each is claimed (a lease in the store, so one instance sends it), composed
 * from its event, sent, and marked sent. A failure waits (1 s, 2 s, 4 s … 5 min) and tries again,
 * for ever, until the mail server accepts the message. A crash after the server accepted but
 * before the job was marked sends it again with the same Message-ID (the file mailer overwrites
 * the same file): at least once, once in effect.
 */
export class MailWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;
  private lastPrune = 0;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly keepMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly projection: MailJobsProjection,
    private readonly mailer: Mailer,
    private readonly compose: MailComposer,
    private readonly options: MailWorkerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 2_000;
    this.leaseMs = options.leaseMs ?? 45_000;
    this.batchSize = options.batchSize ?? 20;
    this.keepMs = options.keepMs ?? 30 * 24 * 3_600_000;
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.timer) return;
    this.stopped = false;
    this.unsubscribe = this.projection.onJobs(() => this.kick());
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    await this.running;
  }

  /** Runs a pass now (or right after the current one). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((error: unknown) => this.options.logger?.error(`mail pass failed: ${(error as Error)?.stack ?? String(error)}`))
      .then(() => undefined)
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Sends every due job once (those that fail wait for their next turn); answers how many were sent. */
  async pass(): Promise<number> {
    let sent = 0;
    for (;;) {
      const now = this.now().toISOString();
      const due = await this.projection.jobs.find(
        { sentAt: null, droppedAt: null, dueAt: { $lte: now }, leaseUntil: { $lt: now } },
        { sort: { dueAt: 1 }, limit: this.batchSize },
      );
      if (due.length === 0) break;
      const outcomes = await Promise.all(due.map((job) => this.attempt(job, now)));
      sent += outcomes.filter((o) => o === 'sent').length;
      // Another look only while this one got somewhere: what failed waits for its own time.
      if (!outcomes.some((o) => o === 'sent' || o === 'dropped')) break;
    }
    await this.prune();
    return sent;
  }

  private async attempt(job: MailJob, now: string): Promise<'sent' | 'dropped' | 'failed' | 'taken'> {
    const until = new Date(Date.parse(now) + this.leaseMs).toISOString();
    const claim = await this.projection.jobs.updateOne({ _id: job._id, sentAt: null, leaseUntil: job.leaseUntil }, { $set: { leaseUntil: until } });
    if (claim.matched !== 1) return 'taken';
    try {
      const message = await this.compose(job.event);
      if (!message) {
        await this.projection.jobs.updateOne({ _id: job._id }, { $set: { droppedAt: this.now().toISOString(), leaseUntil: '' } });
        return 'dropped';
      }
      await this.mailer.send({ ...message, messageId: messageIdOf(job._id) });
    } catch (error) {
      const attempts = job.attempts + 1;
      const dueAt = new Date(this.now().getTime() + mailRetryMs(attempts)).toISOString();
      const lastError = String((error as Error)?.message ?? error).slice(0, 500);
      this.options.logger?.warn(`mail ${job.event.type} ${job._id} not sent (attempt ${attempts}, next at ${dueAt}): ${lastError}`);
      await this.projection.jobs.updateOne({ _id: job._id }, { $set: { attempts, dueAt, leaseUntil: '', lastError } });
      return 'failed';
    }
    await this.projection.jobs.updateOne({ _id: job._id }, { $set: { sentAt: this.now().toISOString(), leaseUntil: '' } });
    return 'sent';
  }

  /** Now and then, deletes jobs sent or dropped long ago (the collection holds work, not history). */
  private async prune(): Promise<void> {
    const now = this.now().getTime();
    if (now - this.lastPrune < 600_000) return;
    this.lastPrune = now;
    const before = new Date(now - this.keepMs).toISOString();
    await this.projection.jobs.deleteMany({ $or: [{ sentAt: { $lt: before } }, { droppedAt: { $lt: before } }] });
  }
}
