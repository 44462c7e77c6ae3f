import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { IntegrationEnvelope } from '#libs/contracts';
import type { StoredEvent } from '#libs/event-store';
import { toEnvelope } from '#libs/messaging';
import type { TraceFields } from '#libs/trace-context';
import { DuplicateKeyError, type DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import type { Projection } from '#libs/projections';
import { sharingIntegrationMapper } from '../integration/sharing.integration-mapper.js';

/** One integration event in an organisation's pull feed, at a position that only grows. */
export interface FeedEntry {
  /** The envelope's eventId: the same event is in the feed once, however often it is relayed. */
  _id: string;
  seq: number;
  organisationId: string;
  envelope: IntegrationEnvelope;
  /** The trace the event was appended in (W3C), for the webhook delivery's span; never in the feed's answers. */
  trace?: TraceFields;
}

interface Counter {
  _id: string;
  seq: number;
}

const organisationOf = (envelope: IntegrationEnvelope): string | null => {
  const data = envelope.data as { organisationId?: string; recipient?: { organisationId?: string } };
  return data.organisationId ?? data.recipient?.organisationId ?? null;
};

/**
 * The pull feed for organisations' own systems: the same envelopes sharing publishes on Kafka,
 * numbered in the order they were relayed. Positions are taken with a compare-and-set counter;
 * a rebuild renumbers them, so clients then start again from zero.
 */
@Injectable()
export class FeedProjection implements Projection {
  readonly name = 'feed';
  readonly entries: DocumentCollection<FeedEntry>;
  private readonly counter: DocumentCollection<Counter>;
  private turn: Promise<void> = Promise.resolve();

  constructor(@Inject(INFRA) private readonly infra: ServiceInfrastructure) {
    this.entries = infra.documents.collection<FeedEntry>('feed');
    this.counter = infra.documents.collection<Counter>('feed_counter');
  }

  async init(): Promise<void> {
    await this.entries.ensureIndex({ seq: 1 }, { unique: true });
    await this.entries.ensureIndex({ organisationId: 1 });
  }

  /**
   * One event at a time per process (the inline path of every request and the relay take turns):
   * positions come from one counter, and writers racing for it only collide and retry. Across
   * instances the collisions that remain are rare and resolved below.
   */
  apply(event: StoredEvent): Promise<void> {
    const run = this.turn.then(() => this.applyNow(event));
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async applyNow(event: StoredEvent): Promise<void> {
    const drafts = sharingIntegrationMapper(event);
    for (const [index, draft] of drafts.entries()) {
      const envelope = toEnvelope(event, draft, index, this.infra.serviceName);
      const organisationId = organisationOf(envelope);
      if (!organisationId) continue;
      const { traceparent, tracestate } = event.metadata;
      const trace = traceparent ? { trace: { traceparent, ...(tracestate ? { tracestate } : {}) } } : {};
      await this.insert({ _id: envelope.eventId, organisationId, envelope, ...trace });
    }
  }

  /**
   * Writes an entry at the next position, unless the event is already in the feed. A duplicate
   * key is either that (a concurrent relay wrote this event first: done) or a position taken
   * twice: a compare-and-set on the counter is not atomic on every engine (FerretDB on PostgreSQL
   * lets two concurrent updates of one document both match), so the unique position index is the
   * guard and the entry takes a fresh position. The fault drills lost 792 of 1,000 entries
   * before this, every one that met such a collision.
   */
  private async insert(entry: Omit<FeedEntry, 'seq'>): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      if (await this.entries.findOne({ _id: entry._id })) return;
      try {
        await this.entries.insertOne({ ...entry, seq: await this.nextSeq() });
        return;
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    }
    throw new Error(`feed: no free position for ${entry._id} after 50 attempts`);
  }

  async reset(): Promise<void> {
    await this.entries.deleteMany({});
    await this.counter.deleteMany({});
  }

  read(organisationId: string, after: number, limit: number): Promise<FeedEntry[]> {
    return this.entries.find({ organisationId, seq: { $gt: after } }, { sort: { seq: 1 }, limit });
  }

  /**
   * The next position: a compare-and-set on the counter, retried after a short random pause when
   * another writer moved it first (40 writers at once, two instances of 20 requests each, settle
   * within a few dozen rounds). The pause spreads the writers out instead of letting them collide
   * again in lockstep.
   */
  private async nextSeq(): Promise<number> {
    for (let attempt = 0; attempt < 200; attempt++) {
      if (attempt > 0) await sleep(Math.random() * Math.min(50, 2 * attempt));
      const current = await this.counter.findOne({ _id: 'feed' });
      if (!current) {
        try {
          await this.counter.insertOne({ _id: 'feed', seq: 1 });
          return 1;
        } catch (error) {
          if (error instanceof DuplicateKeyError) continue;
          throw error;
        }
      }
      const r = await this.counter.updateOne({ _id: 'feed', seq: current.seq }, { $set: { seq: current.seq + 1 } });
      if (r.matched === 1) return current.seq + 1;
    }
    throw new Error('feed counter: too many concurrent updates');
  }
}
