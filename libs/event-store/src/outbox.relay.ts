import { detachedFromTrace } from '#libs/trace-context';
import type { EventStore } from './event.store.js';
import type { OutboxLane, StoredEvent } from './event-store.types.js';

/** Something that must see every appended event at least once, in order per stream. */
export interface OutboxSink {
  readonly name: string;
  handle(events: readonly StoredEvent[]): Promise<void>;
}

export interface RelayLogger {
  error(message: string, error?: unknown): void;
}

export interface OutboxRelayOptions {
  /** How often to look for entries this process did not write (a crash before, other instances). */
  pollIntervalMs?: number;
  batchSize?: number;
  /** An entry whose event was never written is dropped after this long (its writer died mid-append). */
  orphanAfterMs?: number;
  /** The periodic look leaves entries younger than this to the instance that wrote them. */
  foreignAfterMs?: number;
  logger?: RelayLogger;
}

/**
 * Publishes every appended event to its sinks, then deletes its outbox entry. Events this
 * process appended reach it in memory (no query); entries left by a crash or by another
 * instance are found by a look at the (small) outbox collection, checked against the events
 * (only an entry whose event was written is published) and published the same way. If the
 * process dies between the sinks and the delete, the event is handed to the sinks again after
 * restart (at least once); sinks and their consumers are idempotent by event id and version.
 * Two lanes: live events go first, a bulk import's events fill the gaps, in batches.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  // Stryker disable next-line BooleanLiteral: equivalent, starting with `again` set only adds one empty pass
  private again = false;
  /** A look at the outbox collection asked for while a pass ran (its min age), made by the next pass; -1: none. */
  private foreignWanted = -1;
  private failures = 0;
  private unsubscribe: (() => void) | null = null;
  private readonly live = new Map<string, StoredEvent>();
  private readonly bulk = new Map<string, StoredEvent>();
  // Stryker disable next-line ArrayDeclaration: equivalent, a bogus first waiter is never resolved nor read
  private readonly waiters: { below: number; resolve: () => void }[] = [];
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly orphanAfterMs: number;
  private readonly foreignAfterMs: number;

  constructor(
    private readonly store: EventStore,
    private readonly sinks: readonly OutboxSink[],
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.batchSize = options.batchSize ?? 500;
    this.orphanAfterMs = options.orphanAfterMs ?? 30_000;
    this.foreignAfterMs = options.foreignAfterMs ?? 10_000;
  }

  start(): void {
    if (this.timer) return;
    this.unsubscribe = this.store.onAppended((events, lane) => this.enqueue(events, lane));
    this.timer = setInterval(() => this.kick(this.foreignAfterMs), this.pollIntervalMs);
    this.timer.unref();
    this.kick(0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    await this.running;
  }

  /**
   * Events waiting in this process, or the outbox entries that no instance published within
   * `foreignAfterMs` (left by a crash, or behind), whichever is more. Younger entries of other
   * instances are their work in flight: counting them kept an instance that joined under steady
   * load from ever reporting itself caught up.
   */
  async backlog(): Promise<number> {
    const held = this.live.size + this.bulk.size;
    // Readiness asks every second (each gateway, each instance): the plain count is cheap on any
    // engine, the filtered one a scan on FerretDB, needed only when the outbox holds more than this.
    if ((await this.store.outbox.count({})) <= held) return held;
    const stale = new Date(Date.now() - this.foreignAfterMs).toISOString();
    return Math.max(held, await this.store.outbox.count({ 'event.occurredAt': { $lt: stale } }));
  }

  /** Resolves once fewer than `below` bulk events wait in this process (an import's back-pressure). */
  bulkBelow(below: number): Promise<void> {
    if (this.bulk.size < below) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ below, resolve }));
  }

  private enqueue(events: readonly StoredEvent[], lane: OutboxLane): void {
    const queue = lane === 'live' ? this.live : this.bulk;
    for (const e of events) queue.set(e._id, e);
    // The append that woke the relay may be a request's: the pass is not part of its trace.
    detachedFromTrace(() => this.kick(-1));
  }

  /**
   * Runs a pass now (or right after the current one). `foreignAfterMs`: also look at the
   * outbox collection for entries at least this old (-1: only what is queued in memory).
   */
  kick(foreignAfterMs = -1): void {
    if (this.running) {
      this.again = true;
      // Not dropped: under steady live traffic a pass is nearly always running when the periodic
      // look comes, and entries a crashed instance left then waited for an idle moment (the
      // fault drills: about 75 a minute recovered while shares kept coming).
      if (foreignAfterMs >= 0) this.foreignWanted = this.foreignWanted < 0 ? foreignAfterMs : Math.min(this.foreignWanted, foreignAfterMs);
      return;
    }
    this.running = this.pass(foreignAfterMs)
      .then(() => {
        this.failures = 0;
      })
      .catch((error: unknown) => {
        this.failures += 1;
        this.options.logger?.error(`outbox relay pass failed (${this.failures} in a row)`, error);
      })
      .finally(() => {
        this.running = null;
        if (this.timer && (this.again || this.live.size + this.bulk.size > 0)) {
          this.again = false;
          const foreign = this.foreignWanted;
          this.foreignWanted = -1;
          if (this.failures > 0) setTimeout(() => this.kick(foreign), Math.min(5_000, 100 * 2 ** this.failures)).unref();
          else this.kick(foreign);
        }
      });
  }

  /** Publishes until nothing is left: what is queued in memory, then every entry in the collection. */
  async drain(): Promise<number> {
    await this.running;
    return this.pass(0);
  }

  private async pass(foreignAfterMs: number): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = this.nextQueued();
      if (batch.length === 0) break;
      await this.publish(batch);
      total += batch.length;
    }
    if (foreignAfterMs >= 0) total += await this.recover(foreignAfterMs);
    return total;
  }

  /** Live events first; each stream's earlier bulk events come along so a stream stays in order. */
  private nextQueued(): StoredEvent[] {
    const take = (queue: Map<string, StoredEvent>) => [...queue.values()].slice(0, this.batchSize);
    let batch = take(this.live);
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: equivalent, with no live batch or no bulk events the filter adds nothing
    if (batch.length > 0 && this.bulk.size > 0) {
      const streams = new Set(batch.map((e) => e.streamId));
      batch = [...[...this.bulk.values()].filter((e) => streams.has(e.streamId)), ...batch];
    }
    if (batch.length === 0) batch = take(this.bulk);
    return inStreamOrder(batch);
  }

  private async publish(batch: readonly StoredEvent[]): Promise<void> {
    for (const sink of this.sinks) await sink.handle(batch);
    await this.forget(batch.map((e) => e._id));
  }

  private async forget(ids: readonly string[]): Promise<void> {
    // Stryker disable next-line ConditionalExpression: equivalent, with no ids both loops do nothing (a shortcut)
    if (ids.length === 0) return;
    // One request per slice: the outbox is small, so its scan for `$in` is cheap on any engine.
    // Stryker disable next-line EqualityOperator: equivalent, one more (empty) slice deletes nothing
    for (let i = 0; i < ids.length; i += this.batchSize) {
      // Stryker disable next-line MethodExpression: equivalent, deleting every id in each slice deletes the same
      await this.store.outbox.deleteMany({ _id: { $in: ids.slice(i, i + this.batchSize) } });
    }
    for (const id of ids) {
      this.live.delete(id);
      this.bulk.delete(id);
    }
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.bulk.size < this.waiters[i].below) this.waiters.splice(i, 1)[0].resolve();
    }
  }

  /** Entries not queued here: published when their event was written, dropped when it never was. */
  private async recover(minAgeMs: number): Promise<number> {
    let total = 0;
    const skip = new Set<string>();
    for (;;) {
      const now = Date.now();
      // Age and skipped ids are filtered by the engine: filtered here, a first page of young
      // entries (other instances' work in flight) hid the old ones behind it, and an outbox
      // that fell a thousand entries behind was recovered a page in a while.
      const cutoff = new Date(now - minAgeMs).toISOString();
      const query = { 'event.occurredAt': { $lte: cutoff }, ...(skip.size > 0 ? { _id: { $nin: [...skip] } } : {}) };
      const entries = (await this.store.outbox.find(query, { limit: this.batchSize + this.live.size + this.bulk.size }))
        .filter((e) => !this.live.has(e._id) && !this.bulk.has(e._id))
        .slice(0, this.batchSize);
      if (entries.length === 0) return total;
      const written = new Map((await this.store.readMany(entries.map((e) => e._id))).map((e) => [e._id, e]));
      const publishable: StoredEvent[] = [];
      // Stryker disable next-line ArrayDeclaration: equivalent, deleting a bogus id deletes nothing
      const dropped: string[] = [];
      for (const entry of entries) {
        const event = written.get(entry._id);
        if (event && event.eventId === entry.event.eventId) publishable.push(event);
        else if (event || now - Date.parse(entry.event.occurredAt) >= this.orphanAfterMs) dropped.push(entry._id);
        else skip.add(entry._id); // its writer may still be writing the event
      }
      if (publishable.length > 0) await this.publish(inStreamOrder(publishable));
      await this.forget(dropped);
      total += publishable.length;
    }
  }
}


/** Groups a batch by stream (in order of first appearance), each stream in version order. */
function inStreamOrder(events: StoredEvent[]): StoredEvent[] {
  const first = new Map<string, number>();
  events.forEach((e, i) => first.has(e.streamId) || first.set(e.streamId, i));
  return events.sort((a, b) => first.get(a.streamId)! - first.get(b.streamId)! || a.version - b.version);
}
