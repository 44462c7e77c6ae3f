import type { EventStore, OutboxSink, StoredEvent } from '#libs/event-store';

/** A read model fed by a service's own events: `apply` must be idempotent (see applyVersioned). */
export interface Projection {
  readonly name: string;
  apply(event: StoredEvent): Promise<void>;
  /** Optional: applies a batch at once (bulk reads and writes). Same guarantees as apply. */
  applyBatch?(events: readonly StoredEvent[]): Promise<void>;
  /** Empties the read model before a rebuild. */
  reset(): Promise<void>;
}

const applyAll = async (projection: Projection, events: readonly StoredEvent[]): Promise<void> => {
  if (events.length === 0) return;
  if (projection.applyBatch) await projection.applyBatch(events);
  else for (const event of events) await projection.apply(event);
};

/** The outbox sink that keeps a service's own read models up to date, at least once per event. */
export class ProjectionSink implements OutboxSink {
  readonly name = 'projections';
  /** Events already applied right after their append (read-your-writes), so the relay skips them. */
  private readonly appliedInline = new Set<string>();

  constructor(private readonly projections: readonly Projection[]) {}

  /** Applies a live append at once; the relay then only hands on what this could not apply. */
  async applyInline(events: readonly StoredEvent[]): Promise<void> {
    for (const projection of this.projections) await applyAll(projection, events);
    for (const event of events) this.appliedInline.add(event.eventId);
  }

  async handle(events: readonly StoredEvent[]): Promise<void> {
    const pending = events.filter((e) => !this.appliedInline.has(e.eventId));
    for (const projection of this.projections) await applyAll(projection, pending);
    for (const event of events) this.appliedInline.delete(event.eventId);
  }
}

/** Rebuilds a read model from zero by replaying every event in the store, in batches. */
export async function rebuildProjection(store: EventStore, projection: Projection, batchSize = 1000): Promise<number> {
  await projection.reset();
  let count = 0;
  let batch: StoredEvent[] = [];
  for await (const event of store.readAll()) {
    batch.push(event);
    count++;
    if (batch.length >= batchSize) {
      await applyAll(projection, batch);
      batch = [];
    }
  }
  await applyAll(projection, batch);
  return count;
}
