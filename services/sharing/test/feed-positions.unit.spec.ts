import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { EventStore } from '#libs/event-store';
import { rebuildProjection } from '#libs/projections';
import { expectEventually } from '#libs/testing';
import { FeedProjection } from '../src/feed/feed.projection.js';
import { publishResult, registerOrganisation, SharingHarness, type Organisation } from './sharing.harness.js';

interface Envelope {
  eventId: string;
  type: string;
}
interface FeedPage {
  items: Envelope[];
  nextCursor: string;
}

/** The feed's positions (embedded adapters): derived from the events, the same after a rebuild, never behind a reader. */
describe('sharing: feed positions that never move', () => {
  let h: SharingHarness;
  let org: Organisation;
  let orgUser: string;
  let candidate: { token: string; idNumber: string };

  const read = async (after: string, limit: number): Promise<FeedPage> =>
    (await h.get(`/api/v1/institution/feed?after=${after}&limit=${limit}`, orgUser).expect(200)).body as FeedPage;
  /** Every page from `after` until nothing is new; position of each event given. */
  const drain = async (from = '0', limit = 3): Promise<{ positions: Map<string, string>; order: string[]; cursor: string }> => {
    const positions = new Map<string, string>();
    const order: string[] = [];
    let cursor = from;
    for (;;) {
      const page = await read(cursor, limit);
      for (const [n, e] of page.items.entries()) {
        order.push(e.eventId);
        if (n === page.items.length - 1) positions.set(e.eventId, page.nextCursor);
      }
      if (page.items.length === 0) return { positions, order, cursor };
      cursor = page.nextCursor;
    }
  };
  const sendMany = async (n: number) => {
    const results = await Promise.all(Array.from({ length: n }, () => publishResult(h, candidate.idNumber)));
    return Promise.all(results.map((r, i) => h.send(candidate.token, { resultId: r.resultId, recipientId: org.recipients[i % 2].recipientId, consent: true }).expect(201)));
  };

  before(async () => {
    process.env['FEED_SETTLE_MS'] = '200';
    h = await SharingHarness.start();
    org = await registerOrganisation(h, 'Feed University', 'education', ['A', 'B']);
    orgUser = await h.issuer.sign({ sub: 'user-feed', roles: ['organisation'], org: org.organisationId });
    candidate = { idNumber: 'C50000001', token: await h.issuer.sign({ sub: 'cand-feed', roles: ['candidate'], idn: 'C50000001' }) };
  });

  after(async () => {
    delete process.env['FEED_SETTLE_MS'];
    await h.close();
  });

  it('gives every event once, in position order, while 30 shares are sent concurrently with the reading', async () => {
    let sending = true;
    const sends = sendMany(30).finally(() => {
      sending = false;
    });
    const seen: string[] = [];
    let cursor = '0';
    const cursors: string[] = [];
    while (sending || seen.length < 30) {
      const page = await read(cursor, 4);
      seen.push(...page.items.map((e) => e.eventId));
      if (page.items.length > 0) cursors.push(page.nextCursor);
      cursor = page.nextCursor;
      if (!sending && page.items.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await sends;
    assert.equal(new Set(seen).size, seen.length, 'no event twice');
    assert.equal(seen.length, 30, 'none skipped');
    assert.deepEqual(cursors, [...cursors].sort(), 'positions only grow');
    const published = h.published.filter((e) => e.type === 'ResultShared').map((e) => e.eventId);
    assert.deepEqual(new Set(seen), new Set(published));
  });

  it('names the same event at every position after the feed is rebuilt from the events', async () => {
    const opened = (await h.get('/api/v1/institution/shares?limit=2', orgUser).expect(200)).body.items as { shareId: string }[];
    for (const s of opened) await h.get(`/api/v1/institution/shares/${s.shareId}`, orgUser).expect(200);
    await expectEventually(async () => assert.equal((await drain()).order.length, 32));
    const before = await drain('0', 1);
    const feed = h.app.get(FeedProjection);
    assert.ok((await feed.entries.count({})) > 0);
    // From zero: emptied, then every event applied again.
    await rebuildProjection(h.app.get(EventStore), feed);
    const after = await drain('0', 1);
    assert.deepEqual(after.order, before.order);
    assert.deepEqual([...after.positions], [...before.positions]);
    // A client that had read half-way resumes where it was.
    const half = before.order.length / 2;
    const resumed = await drain(before.positions.get(before.order[half - 1]) ?? "", 5);
    assert.deepEqual(resumed.order, before.order.slice(half));
  });

  it('serves nothing at or after an event still on its way through the outbox', async () => {
    const { cursor } = await drain();
    const store = h.app.get(EventStore);
    // An append under way (its entry in the outbox, its event not yet in the feed), made 100 ms ago.
    const streamId = `share-${randomUUID()}`;
    const occurredAt = new Date(Date.now() - 100).toISOString();
    const event = { _id: `${streamId}@1`, eventId: randomUUID(), streamId, version: 1, type: 'ResultShared', schemaVersion: 1, data: {}, metadata: { correlationId: 'c', causationId: null }, occurredAt };
    await store.outbox.insertOne({ _id: event._id, lane: 'live', event });
    try {
      await sendMany(2);
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.deepEqual((await read(cursor, 10)).items, [], 'later events wait behind the pending one');
    } finally {
      await store.outbox.deleteMany({ _id: event._id });
    }
    await expectEventually(async () => assert.equal((await read(cursor, 10)).items.length, 2));
  });

  it('refuses a cursor it did not give (a v1 counter cursor included) and limits outside 1–2,000', async () => {
    for (const after of ['42', 'abc', '0000000000001.share-x.1.0', '1764657493123.share-a b.000001.0']) {
      const r = await h.get(`/api/v1/institution/feed?after=${encodeURIComponent(after)}`, orgUser).expect(400);
      assert.match(JSON.stringify(r.body.message), /after must be a nextCursor given by this feed/);
    }
    await h.get('/api/v1/institution/feed?limit=2000', orgUser).expect(200);
    await h.get('/api/v1/institution/feed?limit=2001', orgUser).expect(400);
    await h.get('/api/v1/institution/feed?limit=0', orgUser).expect(400);
  });
});
