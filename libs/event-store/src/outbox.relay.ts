import type { EventStore } from './event.store.js';
import type { StoredEvent } from './event-store.types.js';

/** Something that must see every appended event at least once, in order per stream. */
export interface OutboxSink {
  readonly name: string;
  handle(events: readonly StoredEvent[]): Promise<void>;
}

export interface RelayLogger {
  error(message: string, error?: unknown): void;
}

export interface OutboxRelayOptions {
  /** How often to look for unpublished events when no append signals one (recovery after a crash, other instances). */
  pollIntervalMs?: number;
  batchSize?: number;
  logger?: RelayLogger;
}

/**
 * Publishes every appended event to its sinks, then marks it published. If the process dies
 * between the two, the event is handed to the sinks again after restart (at least once); sinks
 * and their consumers are idempotent by event id and stream version.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private unsubscribe: (() => void) | null = null;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;

  constructor(
    private readonly store: EventStore,
    private readonly sinks: readonly OutboxSink[],
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.batchSize = options.batchSize ?? 500;
  }

  start(): void {
    if (this.timer) return;
    this.unsubscribe = this.store.onAppended(() => this.kick());
    this.timer = setInterval(() => this.kick(), this.pollIntervalMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    await this.running;
  }

  /** Runs a pass now (or right after the current one). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((error: unknown) => {
        this.failures += 1;
        this.options.logger?.error(`outbox relay pass failed (${this.failures} in a row)`, error);
      })
      .finally(() => {
        this.running = null;
        if (this.again && this.timer) {
          this.again = false;
          this.kick();
        }
      });
  }

  /**
   * Hands events to the sinks without marking anything: for a bulk import that publishes first
   * and then stores its events as already published (see EventStore.startStreams).
   */
  async publishNow(events: readonly StoredEvent[]): Promise<void> {
    for (const sink of this.sinks) await sink.handle(events);
  }

  /**
   * Live events first, oldest first, so a new event is not stuck behind a bulk import; each
   * stream's earlier unpublished events come along, and the batch goes stream by stream in
   * version order: the only order consumers rely on (one key, one partition).
   */
  private async nextBatch(): Promise<StoredEvent[]> {
    const sort = { sort: { occurredAt: 1 as const, streamId: 1 as const, version: 1 as const }, limit: this.batchSize };
    let batch = await this.store.collection.find({ published: false, bulk: { $ne: true } }, sort);
    if (batch.length === 0) return inStreamOrder(await this.store.collection.find({ published: false }, sort));
    const streams = [...new Set(batch.map((e) => e.streamId))];
    const earlier = await this.store.collection.find({ published: false, bulk: true, streamId: { $in: streams } });
    if (earlier.length > 0) batch = [...earlier, ...batch];
    return inStreamOrder(batch);
  }

  /** Publishes until no unpublished event is left. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.nextBatch();
      if (batch.length === 0) break;
      for (const sink of this.sinks) await sink.handle(batch);
      // Marked in slices: one $in update over a large batch can hold the database's write lock
      // long enough to stall live requests (FerretDB on SQLite scans the collection for it).
      for (let i = 0; i < batch.length; i += 250) {
        const ids = batch.slice(i, i + 250).map((e) => e._id);
        await this.store.collection.updateMany({ _id: { $in: ids } }, { $set: { published: true } });
      }
      total += batch.length;
      this.failures = 0;
    }
    return total;
  }
}

/** Groups a batch by stream (in order of first appearance), each stream in version order. */
function inStreamOrder(events: StoredEvent[]): StoredEvent[] {
  const first = new Map<string, number>();
  events.forEach((e, i) => first.has(e.streamId) || first.set(e.streamId, i));
  return events.sort((a, b) => first.get(a.streamId)! - first.get(b.streamId)! || a.version - b.version);
}
