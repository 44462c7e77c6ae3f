import { randomUUID } from 'node:crypto';
import { DuplicateKeyError, type DocumentCollection, type DocumentStore } from '#libs/persistence';
import {
  ConcurrencyError,
  type DomainEvent,
  type EventMetadata,
  type StoredEvent,
  type Upcaster,
} from './event-store.types.js';

export const EVENTS_COLLECTION = 'events';

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
  private readonly listeners = new Set<() => void>();

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
      if (error instanceof DuplicateKeyError) throw new ConcurrencyError(streamId, expectedVersion, { cause: error });
      throw error;
    }
    for (const listener of this.listeners) listener();
    return docs;
  }

  async readStream(streamId: string): Promise<StoredEvent[]> {
    const docs = await this.collection.find({ streamId }, { sort: { version: 1 } });
    return docs.map(this.upcast);
  }

  /** Every event, stream by stream in version order: for rebuilding projections from zero. */
  async *readAll(batchSize = 500): AsyncGenerator<StoredEvent> {
    for (let skip = 0; ; skip += batchSize) {
      const batch = await this.collection.find({}, { sort: { streamId: 1, version: 1 }, skip, limit: batchSize });
      for (const doc of batch) yield this.upcast(doc);
      if (batch.length < batchSize) return;
    }
  }

  /** Called after each successful append (the outbox relay listens, to publish at once). */
  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
