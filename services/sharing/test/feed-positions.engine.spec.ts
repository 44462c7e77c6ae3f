import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { StoredEvent } from '#libs/event-store';
import { MongooseDocumentStore } from '#libs/persistence';
import type { ServiceInfrastructure } from '#libs/platform';
import { engineUrls, runId } from '#libs/testing';
import { FeedProjection } from '../src/feed/feed.projection.js';
import type { ResultSharedData } from '../src/share/share.events.js';

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
    occurredAt: new Date().toISOString(),
  };
};

/**
 * Two instances of sharing apply events to one feed at the same moment, on the real engine. The
 * position counter's compare-and-set is not atomic on FerretDB (two concurrent updates both
 * match), so positions collide; every event must still be in the feed once, each at a position
 * of its own. Before the fix the colliding entries were taken for "already in the feed" and
 * dropped (the fault drills lost 792 of 1,000).
 */
describe('the pull feed under concurrent writers (real MongoDB-protocol engine)', () => {
  let documents: MongooseDocumentStore;

  before(async () => {
    documents = await MongooseDocumentStore.connect(engineUrls.mongoUri, runId('feed-positions'));
  });
  after(async () => {
    await documents.dropAll();
    await documents.close();
  });

  it('every event once, every position unique, when two projections race on 200 events (each also applied twice)', async () => {
    const infra = { documents, serviceName: 'sharing' } as unknown as ServiceInfrastructure;
    const instances = [new FeedProjection(infra), new FeedProjection(infra)];
    await instances[0].init();
    const events = Array.from({ length: 200 }, (_, i) => shared(i));
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
      const shareId = (e.envelope.data as { shareId: string }).shareId;
      byShare.set(shareId, (byShare.get(shareId) ?? 0) + 1);
    }
    assert.equal(entries.length, events.length, 'one entry per event');
    assert.ok(events.every((e) => byShare.get(e.data.shareId) === 1), 'each share in the feed exactly once');
    assert.equal(new Set(entries.map((e) => e.seq)).size, entries.length, 'no position given twice');
    const read = await instances[1].read('org-1', 0, 1_000);
    assert.equal(read.length, events.length, "the organisation's feed serves all of them");
  });
});
