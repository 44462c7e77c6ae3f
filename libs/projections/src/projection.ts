import type { EventStore, OutboxSink, StoredEvent } from '#libs/event-store';

/** A read model fed by a service's own events: `apply` must be idempotent (see applyVersioned). */
export interface Projection {
  readonly name: string;
  apply(event: StoredEvent): Promise<void>;
  /** Optional: applies a batch at once (e.g. one bulk request to a search engine). Same guarantees as apply. */
  applyBatch?(events: readonly StoredEvent[]): Promise<void>;
  /** Empties the read model before a rebuild. */
  reset(): Promise<void>;
}

/** The outbox sink that keeps a service's own read models up to date, at least once per event. */
export class ProjectionSink implements OutboxSink {
  readonly name = 'projections';

  constructor(private readonly projections: readonly Projection[]) {}

  async handle(events: readonly StoredEvent[]): Promise<void> {
    for (const projection of this.projections) {
      if (projection.applyBatch) await projection.applyBatch(events);
      else for (const event of events) await projection.apply(event);
    }
  }
}

/** Rebuilds a read model from zero by replaying every event in the store. */
export async function rebuildProjection(store: EventStore, projection: Projection): Promise<number> {
  await projection.reset();
  let count = 0;
  for await (const event of store.readAll()) {
    await projection.apply(event);
    count++;
  }
  return count;
}
