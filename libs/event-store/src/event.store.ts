import { randomUUID } from 'node:crypto';
import { deterministicUuid } from '#libs/domain';
import { DuplicateKeyError, findByIds, type DocumentCollection, type DocumentStore } from '#libs/persistence';
import { currentTraceFields } from '#libs/trace-context';
import {
  ConcurrencyError,
  eventKey,
  type DomainEvent,
  type EventMetadata,
  type OutboxLane,
  type StoredEvent,
} from './event-store.types.js';
import type { StoredOf, StreamId } from './aggregate-stream.js';
import { OUTBOX_COLLECTION, type OutboxEntry } from './outbox.entry.js';

export const EVENTS_COLLECTION = 'events';

/** The same id each time an import writes an event, so a repeated import is recognised downstream. */
const derivedEventId = (streamId: string, version: number): string => deterministicUuid(eventKey(streamId, version), null);

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface AppendManyOptions {
  lane?: OutboxLane;
  /** Event ids derived from stream and version (an import that may run twice). */
  derivedIds?: boolean;
}

export type AppendedListener = (events: readonly StoredEvent[], lane: OutboxLane) => void;

/**
 * Append-only event store on the document store. Each append writes two things, both keyed by
 * `streamId@version` so that every write is by `_id` (the index every engine checks on a write)
 * and nothing needs a read first: first its **outbox entries** (a small collection holding the events
 * until every sink has them; the commit point and the concurrency check while an entry is
 * pending), then the **events** (the unique `_id` is the concurrency check once the entry is
 * gone). A writer that dies between the two leaves an entry without its event: the relay finds
 * it, sees no event and drops it (the append was never acknowledged).
 */
export class EventStore {
  readonly collection: DocumentCollection<StoredEvent>;
  readonly outbox: DocumentCollection<OutboxEntry>;
  private readonly listeners = new Set<AppendedListener>();
  private commitWithinMs: number | null = null;

  constructor(
    documents: DocumentStore,
    private readonly clock: Clock = systemClock,
  ) {
    this.collection = documents.collection<StoredEvent>(EVENTS_COLLECTION);
    this.outbox = documents.collection<OutboxEntry>(OUTBOX_COLLECTION);
  }

  /**
   * From now on, an append whose outbox entries are written more than `ms` after its timestamp is
   * stamped again with the time they were written (the events keep that `occurredAt`): every
   * stored event then reached the outbox within `ms` of its `occurredAt`, or was already in it at
   * that time, and stays there until every sink has it. A reader ordering events by `occurredAt`
   * (the sharing feed) relies on it: nothing older than (now − ms) can still appear, except what
   * the outbox holds. (Stop 20 took such an append back and had it decided again: under load every
   * attempt was slow, and shares were refused with 503s at 3 a second.)
   */
  requireCommitWithin(ms: number): void {
    this.commitWithinMs = ms;
  }

  async init(): Promise<void> {
    // MongoDB serves stream reads from this index; FerretDB answers them by scan either way.
    await this.collection.ensureIndex({ streamId: 1, version: 1 }, { unique: true });
  }

  /**
   * Appends events after `expectedVersion` (0 for a new stream). Throws ConcurrencyError when
   * another writer got there first; nothing is written then.
   */
  async append<E extends DomainEvent>(
    streamId: StreamId<E> | string,
    expectedVersion: number,
    events: readonly E[],
    metadata: EventMetadata,
  ): Promise<StoredEvent[]> {
    // Stryker disable next-line ConditionalExpression: equivalent, appending nothing writes and announces nothing either way (a shortcut)
    if (events.length === 0) return [];
    const docs = this.toDocs(streamId, expectedVersion, events, metadata, false);
    const lane: OutboxLane = 'live';
    const entries = docs.map((event) => ({ _id: event._id, lane, event }));
    try {
      await this.outbox.insertMany(entries);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw new ConcurrencyError(streamId, expectedVersion, { cause: error });
      throw error;
    }
    const committed = this.clock.now();
    const tookMs = committed.getTime() - Date.parse(docs[0].occurredAt);
    // Too late for its stamp (a feed reader may have passed it meanwhile): the event takes the time
    // its entries became visible instead. From then until every sink has it, the entries hold every
    // reader's horizon below the old stamp, so nothing was or will be served past the new one.
    const stored = this.commitWithinMs !== null && tookMs > this.commitWithinMs ? docs.map((d) => ({ ...d, occurredAt: committed.toISOString() })) : docs;
    try {
      await this.collection.insertMany(stored);
    } catch (error) {
      // The stream moved on after its last entry left the outbox: this append lost the race.
      await this.outbox
        .deleteMany({ _id: { $in: entries.map((e) => e._id) }, 'event.eventId': { $in: docs.map((d) => d.eventId) } })
        .catch(() => undefined);
      if (error instanceof DuplicateKeyError) throw new ConcurrencyError(streamId, expectedVersion, { cause: error });
      throw error;
    }
    this.notify(stored, lane);
    return stored;
  }

  /**
   * Starts many new streams, a chunk at a time (one request for the outbox entries and one for
   * the events of each chunk): the same path as `append`, in bulk, for imports. A stream that
   * already exists is left as it is; returns the ids of those streams.
   */
  async startStreams(
    streams: readonly { streamId: string; events: readonly DomainEvent[] }[],
    metadata: EventMetadata,
    options: AppendManyOptions & { chunkSize?: number; beforeChunk?: () => Promise<void> } = {},
  ): Promise<string[]> {
    const chunkSize = options.chunkSize ?? 500;
    const lane = options.lane ?? 'bulk';
    const existing: string[] = [];
    for (let i = 0; i < streams.length; i += chunkSize) {
      await options.beforeChunk?.();
      const chunk = streams.slice(i, i + chunkSize);
      const docs = chunk.flatMap(({ streamId, events }) => this.toDocs(streamId, 0, events, metadata, options.derivedIds ?? false));
      // Stryker disable next-line ConditionalExpression: equivalent, a chunk without events writes and announces nothing either way
      if (docs.length === 0) continue;
      // No read first (on FerretDB a lookup of 500 ids scans the collection): the inserts say
      // which documents were there already.
      const entries = docs.map((event) => ({ _id: event._id, lane, event }));
      const queued = (await this.outbox.insertMany(entries, { ignoreDuplicates: true })).duplicates;
      const clashed = new Set((await this.collection.insertMany(docs, { ignoreDuplicates: true })).duplicates);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, with no clash the block computes nothing to delete or report
      if (clashed.size > 0) {
        // Those streams existed (an import that stopped half-way, a racing writer): they stay as
        // they are, and the entries this call added for them go (a live writer's entry stays).
        const ours = new Set(docs.map((_d, n) => n).filter((n) => !queued.includes(n)));
        const stale = [...clashed].filter((n) => ours.has(n)).map((n) => docs[n]._id);
        // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, deleting none deletes nothing
        if (stale.length > 0) await this.outbox.deleteMany({ _id: { $in: stale } });
        existing.push(...new Set([...clashed].map((n) => docs[n].streamId)));
      }
      this.notify(docs.filter((_d, n) => !clashed.has(n)), lane);
    }
    return existing;
  }

  /** A stream in version order; through an aggregate's typed id, typed as that aggregate's events. */
  readStream<E extends DomainEvent>(streamId: StreamId<E>): Promise<StoredOf<E>[]>;
  readStream(streamId: string): Promise<StoredEvent[]>;
  async readStream(streamId: string): Promise<StoredEvent[]> {
    return this.collection.find({ streamId }, { sort: { version: 1 } });
  }

  /** Events by `_id` (`streamId@version`): one request for many (the relay's checks). */
  async readMany(ids: readonly string[]): Promise<StoredEvent[]> {
    return findByIds(this.collection, ids);
  }

  /**
   * Every event, stream by stream in version order: for rebuilding projections from zero. One
   * read of the collection, ordered in memory (paging with sort and skip would read and sort the
   * whole collection once per page on FerretDB, which sorts nothing itself).
   */
  async *readAll(): AsyncGenerator<StoredEvent> {
    const all = await this.collection.find({});
    all.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : a.version - b.version));
    yield* all;
  }

  /** Called after each successful append with the new events (the relay listens, to publish at once). */
  onAppended(listener: AppendedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(docs: readonly StoredEvent[], lane: OutboxLane): void {
    if (docs.length === 0) return;
    for (const listener of this.listeners) listener(docs, lane);
  }

  private toDocs(
    streamId: string,
    expectedVersion: number,
    events: readonly DomainEvent[],
    metadata: EventMetadata,
    derivedIds: boolean,
  ): StoredEvent[] {
    const occurredAt = this.clock.now().toISOString();
    const traced = { ...metadata, ...currentTraceFields() };
    return events.map((event, i) => {
      const version = expectedVersion + i + 1;
      return {
        _id: eventKey(streamId, version),
        eventId: derivedIds ? derivedEventId(streamId, version) : randomUUID(),
        streamId,
        version,
        type: event.type,
        schemaVersion: 1,
        data: event.data,
        metadata: traced,
        occurredAt,
      };
    });
  }
}
