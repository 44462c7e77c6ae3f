import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { IntegrationEnvelope } from '#libs/contracts';
import { EventStore, type StoredEvent } from '#libs/event-store';
import { toEnvelope } from '#libs/messaging';
import type { TraceFields } from '#libs/trace-context';
import type { DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { rebuildProjection, type Projection } from '#libs/projections';
import { sharingIntegrationMapper } from '../integration/sharing.integration-mapper.js';
import { DEFAULT_FEED_CONFIG, FEED_CONFIG, type FeedConfig } from './feed.config.js';
import { horizonOf, positionOf } from './feed.position.js';

/** How long one look at the outbox serves as the feed's horizon (see horizon()). */
const HORIZON_REUSE_MS = 250;

/**
 * v3: each envelope stored as the JSON text it is served as (StoredFeedEntry). v2 (`feed_v2`) held
 * it as a document, v1 (`feed`) numbered positions with a counter. Positions are the same in every
 * version (feed.position.ts): a client's cursor stays good across the change.
 */
export const FEED_COLLECTION = 'feed_v3';

/** What an organisation's feed (and so its webhook) carries: the share events about its accounts, except its own receipts. */
export const FEED_EVENT_TYPES: ReadonlySet<string> = new Set(['ResultShared', 'ResultRead', 'ShareWithdrawn', 'ShareAmended']);

/** One integration event in an organisation's pull feed, at a position that never changes. */
export interface FeedEntry {
  /** The envelope's eventId: the same event is in the feed once, however often it is relayed. */
  _id: string;
  /** positionOf(the stored event): the same for this event in every rebuild, on every instance. */
  position: string;
  organisationId: string;
  envelope: IntegrationEnvelope;
  /** The trace the event was appended in (W3C), for the webhook delivery's span; never in the feed's answers. */
  trace?: TraceFields;
}

/**
 * A FeedEntry as stored: the envelope as JSON text. An entry is written once and only ever read
 * whole, so nothing queries inside it; as text the engine reads one field instead of every field
 * of the event (on FerretDB, which decodes each field of each row in Go, a page of 2,000 entries
 * is read 3.4 times faster).
 */
export type StoredFeedEntry = Omit<FeedEntry, 'envelope'> & { envelope: string };

const organisationOf = (envelope: IntegrationEnvelope): string | null => {
  const data = envelope.data as { organisationId?: string; recipient?: { organisationId?: string } };
  return data.organisationId ?? data.recipient?.organisationId ?? null;
};

/**
 * The pull feed for organisations' own systems: the same envelopes sharing publishes on Kafka, at
 * positions derived from each stored event (occurredAt, stream, version). Writing an entry is a
 * plain insert keyed by event id (no counter, no read first): a repeat is a duplicate and ignored,
 * two instances writing the same event write the same document, and a rebuild writes every
 * entry again at the position it had.
 */
@Injectable()
export class FeedProjection implements Projection {
  readonly name = 'feed';
  readonly entries: DocumentCollection<StoredFeedEntry>;
  private readonly store: EventStore;
  private readonly logger = new Logger('FeedProjection');

  constructor(
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
    @Optional() @Inject(FEED_CONFIG) private readonly config: FeedConfig = DEFAULT_FEED_CONFIG,
  ) {
    this.entries = infra.documents.collection<StoredFeedEntry>(FEED_COLLECTION);
    this.store = new EventStore(infra.documents, infra.clock);
  }

  async init(): Promise<void> {
    await this.entries.ensureIndex({ organisationId: 1, position: 1 });
  }

  apply(event: StoredEvent): Promise<void> {
    return this.applyBatch([event]);
  }

  /**
   * No check here that an event reached the outbox soon enough after its timestamp (a reader may
   * have passed its position meanwhile): the event store enforces it at the append
   * (requireCommitWithin, set by sharing below FEED_SETTLE_MS), which is where it can be measured.
   */
  async applyBatch(events: readonly StoredEvent[]): Promise<void> {
    const entries = events.flatMap((event) => this.entriesOf(event));
    if (entries.length === 0) return;
    await this.entries.insertMany(entries, { ignoreDuplicates: true });
  }

  private entriesOf(event: StoredEvent): StoredFeedEntry[] {
    return sharingIntegrationMapper(event).flatMap((draft, index) => {
      // ShareDelivered says the organisation's own system has a share: it goes to the candidate's
      // timeline and to Kafka, not back to that system (reading the feed would grow the feed, and
      // each webhook 2xx would cause one more delivery).
      if (!FEED_EVENT_TYPES.has(draft.type)) return [];
      const envelope = toEnvelope(event, draft, index, this.infra.serviceName);
      const organisationId = organisationOf(envelope);
      if (!organisationId) return [];
      const { traceparent, tracestate } = event.metadata;
      const trace = traceparent ? { trace: { traceparent, ...(tracestate ? { tracestate } : {}) } } : {};
      return [{ _id: envelope.eventId, position: positionOf(event, index), organisationId, envelope: JSON.stringify(envelope), ...trace }];
    });
  }

  /** Empties the feed before a rebuild from zero (offline; `refill` rebuilds in place while the feed serves). */
  async reset(): Promise<void> {
    await this.entries.deleteMany({});
  }

  /**
   * Writes every entry again from the events, without emptying the feed first: safe while it is
   * served (positions do not change, so what is there stays as it is). Used on the first start of
   * a v2 feed and by `rebuildProjection` callers that must not take the feed away.
   */
  async refill(store: EventStore): Promise<number> {
    return rebuildProjection(store, { name: this.name, apply: (e) => this.apply(e), applyBatch: (e) => this.applyBatch(e), reset: async () => undefined });
  }

  async backfill(store: EventStore): Promise<void> {
    // findOne, not count: on FerretDB a count reads the whole collection (minutes at 10⁵ shares at boot).
    if ((await this.entries.findOne({})) !== null || (await store.collection.findOne({})) === null) return;
    this.logger.log(`${FEED_COLLECTION} filled from ${await this.refill(store)} events`);
  }

  /**
   * How soon after its timestamp an append must reach the outbox (EventStore.requireCommitWithin):
   * within the settle window, with a fifth of it left for clocks of instances that differ.
   */
  get appendDeadlineMs(): number {
    return Math.floor(this.config.settleMs * 0.8);
  }

  /**
   * The position below which the feed is complete: every event that will ever have a lower
   * position is in the feed already. An event is either still in the outbox (from its append
   * until every sink, this feed included, has it) or in the feed; and an append under way now
   * stamped its occurredAt at most settleMs ago (an append slower than appendDeadlineMs is stamped again when its entry was written). So: the older of (now − settleMs) and the oldest
   * event in the outbox.
   */
  async horizon(): Promise<string> {
    // A horizon stays true once computed (nothing can appear below it later), so one a moment old
    // is safe, only more careful: readers (every webhook pass of every organisation, every feed
    // page) share one look at the outbox at most every HORIZON_REUSE_MS. On FerretDB that look
    // sorts the whole outbox, which holds thousands of events after an outage.
    const now = this.infra.clock.now().getTime();
    if (this.lastHorizon && now - this.lastHorizon.at < HORIZON_REUSE_MS) return this.lastHorizon.value;
    this.pendingHorizon ??= this.lookAtOutbox(now).finally(() => {
      this.pendingHorizon = null;
    });
    return this.pendingHorizon;
  }

  private lastHorizon: { at: number; value: string } | null = null;
  private pendingHorizon: Promise<string> | null = null;

  private async lookAtOutbox(now: number): Promise<string> {
    const [oldest] = await this.store.outbox.find({}, { sort: { 'event.occurredAt': 1 }, limit: 1 });
    const pending = oldest ? Date.parse(oldest.event.occurredAt) : Number.POSITIVE_INFINITY;
    const value = horizonOf(Math.min(now - this.config.settleMs, pending));
    this.lastHorizon = { at: now, value };
    return value;
  }

  /** The organisation's entries after `after`, in position order, up to the horizon. */
  async read(organisationId: string, after: string, limit: number): Promise<FeedEntry[]> {
    const horizon = await this.horizon();
    if (after >= horizon) return [];
    const stored = await this.entries.find({ organisationId, position: { $gt: after, $lt: horizon } }, { sort: { position: 1 }, limit });
    return stored.map((entry) => ({ ...entry, envelope: JSON.parse(entry.envelope) as IntegrationEnvelope }));
  }
}
