import { createHash, randomUUID } from 'node:crypto';
import { DuplicateKeyError, type DocumentCollection, type DocumentStore } from '#libs/persistence';
import {
  ConcurrencyError,
  type DomainEvent,
  type EventMetadata,
  type StoredEvent,
  type Upcaster,
} from './event-store.types.js';

export const EVENTS_COLLECTION = 'events';

export interface StartStreamsOptions {
  chunkSize?: number;
  /**
   * Publish each chunk through this (e.g. OutboxRelay.publishNow) and store it as already
   * published, so a large import never goes through the relay's unpublished-event queries.
   */
  publishFirst?: (events: readonly StoredEvent[]) => Promise<void>;
}

/** The same id each time a bulk import writes an event, so a repeated import is recognised downstream. */
function importedEventId(streamId: string, version: number): string {
  const h = createHash('sha256').update(`${streamId}@${version}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/**
 * Append-only event store on the document store: one document per event, a unique
 * `{streamId, version}` index giving optimistic concurrency without transactions.
 */
export class EventStore {
  readonly collection: DocumentCollection<StoredEvent>;
  private readonly listeners = new Set<(events: readonly StoredEvent[]) => void>();

  constructor(
    documents: DocumentStore,
    private readonly clock: Clock = systemClock,
    private readonly upcast: Upcaster = (e) => e,
  ) {
    this.collection = documents.collection<StoredEvent>(EVENTS_COLLECTION);
  }

  async init(): Promise<void> {
    await this.collection.ensureIndex({ streamId: 1, version: 1 }, { unique: true });
    await this.collection.ensureIndex({ published: 1, occurredAt: 1 });
  }

  /**
   * Appends events after `expectedVersion` (0 for a new stream). Throws ConcurrencyError when
   * another writer got there first; nothing is written then.
   */
  async append(
    streamId: string,
    expectedVersion: number,
    events: readonly DomainEvent[],
    metadata: EventMetadata,
  ): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    const occurredAt = this.clock.now().toISOString();
    const docs: StoredEvent[] = events.map((event, i) => ({
      _id: randomUUID(),
      streamId,
      version: expectedVersion + i + 1,
      type: event.type,
      schemaVersion: 1,
      data: event.data,
      metadata,
      occurredAt,
      published: false,
    }));
    try {
      // Both writers at one expected version collide on the first document, so the loser writes nothing.
      await this.collection.insertMany(docs);
    } catch (error) {
      if (error instanceof DuplicateKeyError)
        throw new ConcurrencyError(streamId, expectedVersion, { cause: error });
      throw error;
    }
    for (const listener of this.listeners) listener(docs);
    return docs;
  }

  /**
   * Bulk import: starts many new streams with one insert per chunk instead of one per stream.
   * A stream that already exists is left as it is (the chunk falls back to stream-by-stream
   * appends); returns the ids of those streams.
   */
  async startStreams(
    streams: readonly { streamId: string; events: readonly DomainEvent[] }[],
    metadata: EventMetadata,
    options: StartStreamsOptions = {},
  ): Promise<string[]> {
    const chunkSize = options.chunkSize ?? 500;
    const existing: string[] = [];
    for (let i = 0; i < streams.length; i += chunkSize) {
      const chunk = streams.slice(i, i + chunkSize);
      const occurredAt = this.clock.now().toISOString();
      const docs = chunk.flatMap(({ streamId, events }) =>
        events.map((event, v): StoredEvent => ({
          _id: importedEventId(streamId, v + 1),
          streamId,
          version: v + 1,
          type: event.type,
          schemaVersion: 1,
          data: event.data,
          metadata,
          occurredAt,
          published: options.publishFirst !== undefined,
          bulk: true,
        })),
      );
      try {
        // Published before stored: a crash in between imports (and publishes) again on the next
        // start, with the same event ids, so consumers drop the repeats.
        await options.publishFirst?.(docs);
        await this.collection.insertMany(docs);
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        for (const { streamId, events } of chunk) {
          try {
            await this.append(streamId, 0, events, metadata);
          } catch (conflict) {
            if (!(conflict instanceof ConcurrencyError)) throw conflict;
            existing.push(streamId);
          }
        }
      }
    }
    for (const listener of this.listeners) listener([]);
    return existing;
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    const docs = await this.collection.find({ streamId }, { sort: { version: 1 } });
    return docs.map(this.upcast);
  }

  /** Every event, stream by stream in version order: for rebuilding projections from zero. */
  async *readAll(batchSize = 500): AsyncGenerator<StoredEvent> {
    for (let skip = 0; ; skip += batchSize) {
      const batch = await this.collection.find(
        {},
        { sort: { streamId: 1, version: 1 }, skip, limit: batchSize },
      );
      for (const doc of batch) yield this.upcast(doc);
      if (batch.length < batchSize) return;
    }
  }

  /** Called after each successful append with the new events (the relay listens, to publish at once). */
  onAppended(listener: (events: readonly StoredEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
