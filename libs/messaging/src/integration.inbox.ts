import { setTimeout as sleep } from 'node:timers/promises';
import { validateEnvelope, type KnownEnvelope } from '#libs/contracts';
import { FIND_ONE_EACH_UP_TO, findByIds, type DocumentCollection, type DocumentStore } from '#libs/persistence';
import type { DeadLetters } from './dead-letter.port.js';

export interface InboxOptions {
  /** Attempts before a failing message is dead-lettered. */
  attempts?: number;
  /** First backoff; doubles each retry. */
  backoffMs?: number;
  logger?: { warn(message: string): void; error(message: string, error?: unknown): void };
  /**
   * How long processed ids are kept (default 7 days, Kafka's default retention): a repeat comes
   * from a crash or a relay's second publish within minutes, and past this the read models'
   * version guards still hold. Keeps the ids' collection, and its lookups, bounded.
   */
  retentionMs?: number;
  /** How many processed ids this consumer remembers in memory (default 100,000), oldest forgotten first. */
  recentIds?: number;
  /**
   * The handlers are idempotent on their own (versioned read models, deciders that refuse a
   * repeat). Then a large batch is checked only against the ids this consumer processed lately
   * (in memory), not the stored ones, except in the first minute after a start (when Kafka
   * re-delivers what was not committed): on FerretDB a lookup of many ids scans the collection.
   * Small batches (live traffic) are always checked against the stored ids (by `_id`).
   */
  idempotentHandlers?: boolean;
}

/** Ids this consumer processed lately, oldest first out. */
class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity: number) {}
  has(id: string): boolean {
    return this.ids.has(id);
  }
  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
  }
}

interface ProcessedEvent {
  _id: string;
  topic: string;
  type: string;
  at: string;
}

/**
 * Consumes integration events exactly once in effect, a batch at a time: validates each against
 * the contracts (malformed or schema-violating → dead letter), drops repeats (within the batch,
 * and event ids already processed: one request for the whole batch), hands the rest to the
 * handler at once, retries a failing batch with backoff, then one event at a time so that only
 * a poison message is dead-lettered and the consumer goes on. Processed ids are recorded in one
 * request after the handler. Handlers must be idempotent too: a crash between handling and
 * recording re-delivers the batch (read models guard with the aggregate version).
 */
export class IntegrationInbox {
  private readonly processed: DocumentCollection<ProcessedEvent>;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly retentionMs: number;
  private lastPrune = Date.now();
  private readonly recent: RecentIds;

  constructor(
    documents: DocumentStore,
    private readonly deadLetters: DeadLetters,
    private readonly consumer: string,
    private readonly options: InboxOptions = {},
  ) {
    this.processed = documents.collection<ProcessedEvent>('processed_events');
    this.attempts = options.attempts ?? 4;
    this.backoffMs = options.backoffMs ?? 100;
    this.retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
    this.recent = new RecentIds(options.recentIds ?? 100_000);
  }

  /** One message (kept for callers that are handed messages one by one). */
  consume(topic: string, payload: unknown, handle: (event: KnownEnvelope) => Promise<void>): Promise<void> {
    return this.consumeBatch(topic, [payload], async (events) => {
      for (const event of events) await handle(event);
    });
  }

  async consumeBatch(
    topic: string,
    payloads: unknown,
    handle: (events: KnownEnvelope[]) => Promise<void>,
  ): Promise<void> {
    const list = Array.isArray(payloads) ? (payloads as unknown[]) : [payloads];
    const valid: KnownEnvelope[] = [];
    const seen = new Set<string>();
    for (const payload of list) {
      let envelope: KnownEnvelope;
      try {
        envelope = validateEnvelope(typeof payload === 'string' ? JSON.parse(payload) : payload);
      } catch (error) {
        await this.deadLetter(topic, payload, `invalid message: ${(error as Error).message}`);
        continue;
      }
      if (seen.has(envelope.eventId)) continue;
      seen.add(envelope.eventId);
      valid.push(envelope);
    }
    // Stryker disable next-line ConditionalExpression: equivalent, with nothing valid every later step has nothing to do (a shortcut)
    if (valid.length === 0) return;
    const done = await this.alreadyProcessed(valid.map((e) => e.eventId));
    const fresh = valid.filter((e) => !done.has(e.eventId));
    if (fresh.length === 0) return;
    if (!(await this.attempt(topic, () => handle(fresh), fresh.length === 1 ? fresh[0] : null))) {
      // Something in the batch fails every time: one at a time, so that only it is dead-lettered.
      for (const event of fresh) await this.attempt(topic, () => handle([event]), event);
    }
    for (const e of fresh) this.recent.add(e.eventId);
    if (this.bulk(fresh.length)) return;
    const at = new Date().toISOString();
    await this.processed.insertMany(
      fresh.map((e) => ({ _id: e.eventId, topic, type: e.type, at })),
      { ignoreDuplicates: true },
    );
    await this.pruneNowAndThen();
  }

  /** A batch too large for stored ids when the handlers are idempotent anyway. */
  private bulk(size: number): boolean {
    return (this.options.idempotentHandlers ?? false) && size > FIND_ONE_EACH_UP_TO;
  }

  /** At most once an hour: forgets ids older than the retention. */
  private async pruneNowAndThen(): Promise<void> {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: equivalent in effect, pruning more often forgets the same ids (only slower)
    if (Date.now() - this.lastPrune < Math.min(3600_000, this.retentionMs)) return;
    this.lastPrune = Date.now();
    await this.processed.deleteMany({ at: { $lt: new Date(Date.now() - this.retentionMs).toISOString() } });
  }

  /** Runs with retries; after the last attempt a single event is dead-lettered (true: done with it). */
  private async attempt(topic: string, work: () => Promise<void>, single: KnownEnvelope | null): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await work();
        return true;
      } catch (error) {
        if (attempt >= this.attempts) {
          if (!single) return false;
          this.options.logger?.error(`${this.consumer}: ${single.type} ${single.eventId} failed ${attempt} times`, error);
          await this.deadLetter(topic, single, `handler failed: ${(error as Error).message}`);
          return true;
        }
        await sleep(this.backoffMs * 2 ** (attempt - 1));
      }
    }
  }

  private async alreadyProcessed(all: readonly string[]): Promise<Set<string>> {
    const done = new Set(all.filter((id) => this.recent.has(id)));
    // Stryker disable next-line MethodExpression: equivalent, asking the store about remembered ids too finds them processed as well
    const ids = all.filter((id) => !done.has(id));
    // Stryker disable next-line ConditionalExpression: equivalent, a lookup of no ids finds none (a shortcut)
    if (ids.length === 0) return done;
    if (this.bulk(ids.length)) return done;
    const docs = await findByIds(this.processed, ids);
    for (const d of docs) done.add(d._id);
    return done;
  }

  private async deadLetter(topic: string, payload: unknown, reason: string): Promise<void> {
    this.options.logger?.warn(`${this.consumer}: dead-lettered a message from ${topic}: ${reason}`);
    await this.deadLetters.put({ topic, consumer: this.consumer, reason, payload });
  }
}
