import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { IntegrationEnvelope } from '#libs/contracts';
import { EventStore, type StoredEvent } from '#libs/event-store';
import { MongooseDocumentStore } from '#libs/persistence';
import type { ServiceInfrastructure } from '#libs/platform';
import { rebuildProjection } from '#libs/projections';
import { engineUrls, runId } from '#libs/testing';
import { FeedProjection, type StoredFeedEntry } from '../src/feed/feed.projection.js';
import type { ResultSharedData } from '../src/share/share.events.js';

/** A stored entry's envelope: the JSON text the feed serves. */
const envelopeOf = (entry: StoredFeedEntry): IntegrationEnvelope => JSON.parse(entry.envelope) as IntegrationEnvelope;

const shared = (i: number): StoredEvent<'ResultShared', ResultSharedData> => {
  const shareId = randomUUID();
  return {
    _id: `share-${shareId}@1`,
    eventId: randomUUID(),
    streamId: `share-${shareId}`,
    version: 1,
    type: 'ResultShared',
    schemaVersion: 1,
    data: {
      shareId,
      resultId: randomUUID(),
      candidateId: `cand-${i}`,
      recipient: { recipientId: 'rcp-1', organisationId: 'org-1', organisationName: 'Feed University', department: null, kind: 'education' },
      candidate: { name: `Candidate ${i}`, dateOfBirth: '2000-01-01', idNumber: `C${String(i).padStart(8, '0')}` },
      result: {
        qualification: 'Certificate in Advanced English',
        cefrLevel: 'Council of Europe Level B2',
        overallScore: 170,
        grade: 'B',
        components: [{ skill: 'Reading', score: 170 }],
        examDate: '2026-06-14',
        verificationCode: `V${i}`,
      },
      consent: { textVersion: '1', givenAt: '2026-12-02T00:00:00.000Z' },
      sharedAt: '2026-12-02T00:00:00.000Z',
    },
    metadata: { correlationId: randomUUID(), causationId: null },
    // Many events in one millisecond: the stream and version order them.
    occurredAt: new Date(Date.UTC(2026, 11, 2, 0, 0, 0, i % 7)).toISOString(),
  };
};

/**
 * Two instances of sharing apply events to one feed at the same moment, on the real engine, and
 * the feed is then rebuilt from the events. Positions are derived from each stored event, so
 * both instances write the same document for an event, and a rebuild writes it at the position
 * it had (the counter feed renumbered everything; on FerretDB its compare-and-set also collided).
 */
describe('the pull feed under concurrent writers and a rebuild (real MongoDB-protocol engine)', () => {
  let documents: MongooseDocumentStore;
  let infra: ServiceInfrastructure;

  before(async () => {
    documents = await MongooseDocumentStore.connect(engineUrls.mongoUri, runId('feed-positions'));
    infra = { documents, serviceName: 'sharing', clock: { now: () => new Date() } } as unknown as ServiceInfrastructure;
  });
  after(async () => {
    await documents.dropAll();
    await documents.close();
  });

  it('every event once at one position when two projections race on 200 events (each applied twice), and the same positions after a rebuild', async () => {
    const instances = [new FeedProjection(infra, { settleMs: 0 }), new FeedProjection(infra, { settleMs: 0 })];
    await instances[0].init();
    const events = Array.from({ length: 200 }, (_, i) => shared(i));
    const store = new EventStore(documents);
    await store.collection.insertMany(events);
    // 20 writers per instance, like 20 requests in flight on each of two instances; every event
    // reaches both instances (the inline apply on one, the relay of the other).
    await Promise.all(
      instances.flatMap((feed) =>
        Array.from({ length: 20 }, async (_, w) => {
          for (let i = w; i < events.length; i += 20) await feed.apply(events[i]);
        }),
      ),
    );
    const entries = await instances[0].entries.find({});
    const byShare = new Map<string, number>();
    for (const e of entries) {
      const shareId = (envelopeOf(e).data as { shareId: string }).shareId;
      byShare.set(shareId, (byShare.get(shareId) ?? 0) + 1);
    }
    assert.equal(entries.length, events.length, 'one entry per event');
    assert.ok(events.every((e) => byShare.get(e.data.shareId) === 1), 'each share in the feed exactly once');
    assert.equal(new Set(entries.map((e) => e.position)).size, entries.length, 'no position given twice');
    const read = await instances[1].read('org-1', '0', 1_000);
    assert.equal(read.length, events.length, "the organisation's feed serves all of them");
    assert.deepEqual(read.map((e) => e.position), [...read.map((e) => e.position)].sort(), 'in position order');

    const before = new Map(entries.map((e) => [e.position, envelopeOf(e).eventId]));
    assert.equal(await rebuildProjection(store, instances[1]), events.length);
    const rebuilt = await instances[0].entries.find({});
    assert.equal(rebuilt.length, entries.length);
    for (const e of rebuilt) assert.equal(before.get(e.position), envelopeOf(e).eventId, `position ${e.position} names the same event after the rebuild`);
  });
});
