import type { EventStore, OutboxSink, StoredEvent } from '#libs/event-store';

/** A read model fed by a service's own events: `apply` must be idempotent (see applyVersioned). */
export interface Projection {
  readonly name: string;
  apply(event: StoredEvent): Promise<void>;
  /**
   * Optional: applies a batch at once (bulk reads and writes). Same guarantees as apply.
   * `live`: the batch is a write just made, whose author waits to see it (applied right after
   * the append); otherwise it is the relay's (an import, or what the live path could not apply).
   */
  applyBatch?(events: readonly StoredEvent[], context: ApplyContext): Promise<void>;
  /** Empties the read model before a rebuild. */
  reset(): Promise<void>;
}

export interface ApplyContext {
  live: boolean;
}

const applyAll = async (projection: Projection, events: readonly StoredEvent[], context: ApplyContext = { live: false }): Promise<void> => {
  if (events.length === 0) return;
  if (projection.applyBatch) await projection.applyBatch(events, context);
  else for (const event of events) await projection.apply(event);
};

/** The outbox sink that keeps a service's own read models up to date, at least once per event. */
export class ProjectionSink implements OutboxSink {
  readonly name = 'projections';
  /** Live appends being (or already) applied right after the append: the relay waits for them instead of applying again. */
  private readonly inline = new Map<string, Promise<boolean>>();

  constructor(private readonly projections: readonly Projection[]) {}

  /** Applies a live append at once; the relay then only applies what this could not. */
  applyInline(events: readonly StoredEvent[]): Promise<void> {
    const work = (async () => {
      for (const projection of this.projections) await applyAll(projection, events, { live: true });
    })();
    const applied = work.then(
      () => true,
      () => false,
    );
    for (const event of events) this.inline.set(event.eventId, applied);
    return work;
  }

  async handle(events: readonly StoredEvent[]): Promise<void> {
    const pending: StoredEvent[] = [];
    for (const event of events) {
      const inline = this.inline.get(event.eventId);
      if (!inline || !(await inline)) pending.push(event);
    }
    for (const projection of this.projections) await applyAll(projection, pending);
    for (const event of events) this.inline.delete(event.eventId);
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
