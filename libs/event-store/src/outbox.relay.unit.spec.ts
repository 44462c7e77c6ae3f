import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileDocumentStore } from '#libs/persistence';
import { EventStore } from './event.store.js';
import type { StoredEvent } from './event-store.types.js';
import { OutboxRelay } from './outbox.relay.js';

const meta = { correlationId: 'c', causationId: null };

describe('OutboxRelay', () => {
  let dir: string;
  let documents: FileDocumentStore;
  let store: EventStore;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'relay-'));
    documents = await FileDocumentStore.open(dir);
    store = new EventStore(documents);
    await store.init();
  });
  after(async () => {
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes live events before a queued bulk import, keeps each stream in order, and empties the outbox', async () => {
    const seen: StoredEvent[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const relay = new OutboxRelay(store, [{ name: 'sink', handle: async (batch) => { await gate; seen.push([...batch]); } }], { batchSize: 3 });
    relay.start();
    await store.startStreams(
      Array.from({ length: 6 }, (_, i) => ({ streamId: `org-${i}`, events: [{ type: 'Registered', data: { i } }] })),
      meta,
      { chunkSize: 6 },
    );
    // A live event on a stream of the import: its bulk event must come first, in the same batch.
    await store.append('org-4', 1, [{ type: 'Renamed', data: {} }], meta);
    await store.append('share-1', 0, [{ type: 'Sent', data: {} }], meta);
    release();
    await relay.drain();
    await relay.stop();
    const order = seen.flat().map((e) => e._id);
    assert.equal(new Set(order).size, 8);
    assert.ok(order.indexOf('org-4@1') < order.indexOf('org-4@2'));
    // The first pass was already running on the first bulk batch; right after it come the live ones.
    assert.deepEqual(seen[1].map((e) => e._id).sort(), ['org-4@1', 'org-4@2', 'share-1@1']);
    assert.equal(await store.outbox.count({}), 0);
    assert.equal(await relay.backlog(), 0);
  });

  it('after a crash: publishes an entry whose event was written, drops a stale one, leaves a young orphan for its writer', async () => {
    const [written] = await store.append('crash-1', 0, [{ type: 'A', data: {} }], meta);
    const old = new Date(Date.now() - 60_000).toISOString();
    const young = new Date().toISOString();
    const orphan = (id: string, occurredAt: string) => ({ _id: id, lane: 'live' as const, event: { ...written, _id: id, eventId: `e-${id}`, occurredAt } });
    await store.outbox.insertMany([orphan('crash-2@1', old), orphan('crash-3@1', young)]);
    // crash-1 was published long ago; a writer that lost the race to it left its entry behind.
    await store.outbox.deleteMany({ _id: 'crash-1@1' });
    await store.outbox.insertOne({ _id: 'crash-1@1', lane: 'live', event: { ...written, eventId: 'someone-else' } });
    await store.append('crash-4', 0, [{ type: 'A', data: {} }], meta);
    const published: string[] = [];
    const relay = new OutboxRelay(store, [{ name: 'sink', handle: async (b) => void published.push(...b.map((e) => e._id)) }]);
    await relay.drain();
    assert.deepEqual(published, ['crash-4@1']);
    const left = (await store.outbox.find({})).map((e) => e._id).sort();
    assert.deepEqual(left, ['crash-3@1'], 'the young orphan waits; the rest are gone');
  });

  it('a sink that fails leaves the entries for the next pass (at least once)', async () => {
    await store.outbox.deleteMany({});
    await store.append('retry-1', 0, [{ type: 'A', data: {} }], meta);
    let fail = true;
    const published: string[] = [];
    const relay = new OutboxRelay(store, [{ name: 'sink', handle: async (b) => { published.push(...b.map((e) => e._id)); if (fail) throw new Error('broker down'); } }]);
    await assert.rejects(relay.drain(), /broker down/);
    assert.equal(await store.outbox.count({ _id: 'retry-1@1' }), 1);
    fail = false;
    await relay.drain();
    assert.deepEqual(published, ['retry-1@1', 'retry-1@1']);
    assert.equal(await store.outbox.count({}), 0);
  });
});
