import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { FileDocumentStore } from '#libs/persistence';
import { expectEventually } from '#libs/testing';
import { EventStore } from './event.store.js';
import type { StoredEvent } from './event-store.types.js';
import { OutboxRelay, type OutboxSink } from './outbox.relay.js';

// The relay while it runs: what start and stop do, the periodic look for entries other instances
// (or a crash) left, retries with back-off, an import's back-pressure, batches larger than a slice.
const meta = { correlationId: 'c', causationId: null };
const ago = (ms: number) => ({ now: () => new Date(Date.now() - ms) });

/** A sink that records every event id it is handed, and can be held shut or made to fail. */
function recorder() {
  let open!: () => void;
  let gate: Promise<void> = Promise.resolve();
  const sink = {
    name: 'recorder',
    published: [] as string[],
    calls: [] as number[],
    failures: 0,
    hold() {
      gate = new Promise<void>((r) => (open = r));
    },
    release: () => open(),
    async handle(batch: readonly StoredEvent[]) {
      await gate;
      if (batch.length === 0) throw new Error('the relay handed a sink an empty batch');
      sink.calls.push(Date.now());
      if (sink.failures > 0) {
        sink.failures--;
        throw new Error('broker down');
      }
      sink.published.push(...batch.map((e) => e._id));
    },
  } satisfies OutboxSink & Record<string, unknown>;
  return sink;
}

describe('OutboxRelay while running', () => {
  let dir: string;
  let documents: FileDocumentStore;
  let store: EventStore;
  let relays: OutboxRelay[];
  const relay = (...args: ConstructorParameters<typeof OutboxRelay> extends [unknown, ...infer R] ? R : never) => {
    const r = new OutboxRelay(store, ...args);
    relays.push(r);
    return r;
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'relay-running-'));
    documents = await FileDocumentStore.open(dir);
    store = new EventStore(documents);
    await store.init();
  });
  beforeEach(async () => {
    relays = [];
    await store.outbox.deleteMany({});
  });
  afterEach(async () => {
    await Promise.all(relays.map((r) => r.stop()));
  });
  after(async () => {
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('start publishes at once what an earlier run left in the outbox, without waiting for the periodic look', async () => {
    await store.append('left-1', 0, [{ type: 'A', data: {} }], meta); // nobody relaying
    const sink = recorder();
    relay([sink], { pollIntervalMs: 3_600_000 }).start();
    await expectEventually(() => assert.deepEqual(sink.published, ['left-1@1']));
  });

  it('the periodic look publishes what other instances wrote once it is older than foreignAfterMs (10 s), not before', async () => {
    const sink = recorder();
    const r = relay([sink], { pollIntervalMs: 20 }); // foreignAfterMs: 10 s by default
    r.start();
    await r.drain(); // the full look at start is over: from here on, only the periodic one
    // Two other instances (their own EventStore objects: this relay hears nothing of their appends).
    await new EventStore(documents, ago(5_000)).append('young-1', 0, [{ type: 'A', data: {} }], meta);
    await new EventStore(documents, ago(20_000)).append('old-1', 0, [{ type: 'A', data: {} }], meta);
    // Both are found by the same look: the old one published means the young one was passed over.
    await expectEventually(() => assert.deepEqual(sink.published, ['old-1@1']));
    assert.equal(await store.outbox.count({ _id: 'young-1@1' }), 1);
  });

  it('starting twice is starting once, and after stop an append stays in the outbox for the next drain', async () => {
    const sink = recorder();
    const r = relay([sink]);
    r.start();
    r.start();
    await store.append('twice-1', 0, [{ type: 'A', data: {} }], meta);
    await expectEventually(() => assert.deepEqual(sink.published, ['twice-1@1']));
    await r.stop();
    await store.append('twice-1', 1, [{ type: 'A', data: {} }], meta);
    assert.equal(await r.drain(), 1, 'nothing published it while stopped');
    assert.deepEqual(sink.published, ['twice-1@1', 'twice-1@2']);
  });

  it('a failed pass is logged with the count of failures in a row, retried with a growing pause, and the count starts again after a success', async () => {
    const sink = recorder();
    const logged: string[] = [];
    relay([sink], { logger: { error: (message) => logged.push(message) } }).start();
    sink.failures = 2;
    await store.append('retry-1', 0, [{ type: 'A', data: {} }], meta);
    await expectEventually(() => assert.deepEqual(sink.published, ['retry-1@1']));
    assert.deepEqual(logged, ['outbox relay pass failed (1 in a row)', 'outbox relay pass failed (2 in a row)']);
    const [first, second, third] = sink.calls;
    assert.ok(second - first >= 190 && second - first < 3_000, `first pause ${second - first} ms (200 expected)`);
    assert.ok(third - second >= 390 && third - second < 3_000, `second pause ${third - second} ms (400 expected)`);
    sink.failures = 1;
    await store.append('retry-1', 1, [{ type: 'A', data: {} }], meta);
    await expectEventually(() => assert.deepEqual(sink.published, ['retry-1@1', 'retry-1@2']));
    assert.equal(logged.at(-1), 'outbox relay pass failed (1 in a row)');
  });

  it('bulkBelow holds an import until fewer than that many of its events wait here', async () => {
    const sink = recorder();
    sink.hold();
    const r = relay([sink], { batchSize: 3 });
    r.start();
    await store.startStreams(Array.from({ length: 6 }, (_, i) => ({ streamId: `imp-${i}`, events: [{ type: 'A', data: {} }] })), meta);
    assert.equal(await r.backlog(), 6);
    await r.bulkBelow(7); // 6 wait: below 7 already
    let publishedWhenBelow3 = -1;
    let publishedWhenBelow4 = -1;
    let publishedWhenBelow6 = -1;
    const below6 = r.bulkBelow(6).then(() => (publishedWhenBelow6 = sink.published.length));
    const below3 = r.bulkBelow(3).then(() => (publishedWhenBelow3 = sink.published.length));
    const below4 = r.bulkBelow(4).then(() => (publishedWhenBelow4 = sink.published.length));
    assert.equal(publishedWhenBelow3, -1);
    sink.release();
    await Promise.all([below3, below4, below6]);
    assert.equal(publishedWhenBelow6, 3, '6 waiting is not below 6');
    assert.equal(publishedWhenBelow4, 3, 'after the first batch of 3, 3 wait: below 4');
    assert.equal(publishedWhenBelow3, 6, 'below 3 only once the second batch is out');
  });

  it('backlog counts the outbox entries nobody published in time when this process holds nothing, not younger ones in flight elsewhere', async () => {
    await new EventStore(documents, ago(20_000)).append('back-1', 0, [{ type: 'A', data: {} }, { type: 'B', data: {} }], meta);
    await store.append('back-2', 0, [{ type: 'A', data: {} }], meta);
    assert.equal(await relay([recorder()]).backlog(), 2, 'the two entries 20 s old; the one just appended is its writer\'s');
    assert.equal(await relay([recorder()], { foreignAfterMs: 30_000 }).backlog(), 0, 'within foreignAfterMs nothing is behind yet');
  });

  it('a live batch that brings its streams\' bulk events along is forgotten whole, slice by slice', async () => {
    const sink = recorder();
    sink.hold();
    const r = relay([sink], { batchSize: 2 });
    r.start();
    await store.startStreams([{ streamId: 'mix-1', events: [1, 2, 3].map((i) => ({ type: 'Imported', data: { i } })) }], meta);
    await store.append('mix-1', 3, [{ type: 'A', data: {} }, { type: 'B', data: {} }], meta);
    sink.release();
    await expectEventually(async () => assert.equal(await store.outbox.count({}), 0));
    assert.deepEqual(sink.published.filter((id, n) => sink.published.indexOf(id) === n), ['mix-1@1', 'mix-1@2', 'mix-1@3', 'mix-1@4', 'mix-1@5']);
    assert.equal(await r.backlog(), 0);
  });

  it('recovery looks past more young orphans than a batch to the written entries behind them', async () => {
    const [template] = await new EventStore(documents, ago(20_000)).append('other-1', 0, [{ type: 'A', data: {} }], meta);
    await new EventStore(documents, ago(20_000)).append('other-2', 0, [{ type: 'A', data: {} }], meta);
    await store.outbox.deleteMany({});
    const young = new Date().toISOString();
    const orphans = ['a-orphan-1@1', 'a-orphan-2@1', 'a-orphan-3@1'].map((id) => ({
      _id: id,
      lane: 'live' as const,
      event: { ...template, _id: id, eventId: `e-${id}`, occurredAt: young },
    }));
    await store.outbox.insertMany(orphans);
    await store.outbox.insertMany(['other-1@1', 'other-2@1'].map((id) => ({ _id: id, lane: 'live' as const, event: { ...template, _id: id } })));
    const sink = recorder();
    await relay([sink], { batchSize: 2 }).drain();
    assert.deepEqual(sink.published, ['other-1@1'], 'other-2@1 carries another event id: it is dropped, not published');
    assert.deepEqual((await store.outbox.find({})).map((e) => e._id).sort(), orphans.map((o) => o._id));
  });

  it('the periodic look reaches old entries behind more young ones than a batch (other instances\' work in flight)', async () => {
    // Young entries first in the collection: a look that filtered by age after reading a page
    // saw only them and stopped, leaving the old entries for a quieter moment.
    for (const n of [1, 2, 3, 4]) await new EventStore(documents, ago(1_000)).append(`inflight-${n}`, 0, [{ type: 'A', data: {} }], meta);
    for (const n of [1, 2, 3]) await new EventStore(documents, ago(20_000)).append(`late-${n}`, 0, [{ type: 'A', data: {} }], meta);
    const sink = recorder();
    const r = relay([sink], { batchSize: 2, pollIntervalMs: 20 });
    r.kick(10_000);
    await expectEventually(() => assert.deepEqual([...sink.published].sort(), ['late-1@1', 'late-2@1', 'late-3@1']));
    assert.equal(await store.outbox.count({}), 4, 'the young entries stay with the instances that wrote them');
    await r.drain();
  });

  it('an orphan is dropped after orphanAfterMs', async () => {
    const [template] = await store.append('tmpl-1', 0, [{ type: 'A', data: {} }], meta);
    await store.outbox.deleteMany({});
    const occurredAt = new Date(Date.now() - 5_000).toISOString();
    await store.outbox.insertOne({ _id: 'gone-1@1', lane: 'live', event: { ...template, _id: 'gone-1@1', occurredAt } });
    await relay([recorder()]).drain();
    assert.equal(await store.outbox.count({}), 1, 'five seconds is young by default');
    await relay([recorder()], { orphanAfterMs: 1_000 }).drain();
    assert.equal(await store.outbox.count({}), 0);
  });

  it('backlog counts what this process holds when the outbox already let it go (another instance published it)', async () => {
    const sink = recorder();
    sink.hold();
    const r = relay([sink]);
    r.start();
    await store.startStreams(Array.from({ length: 3 }, (_, i) => ({ streamId: `held-${i}`, events: [{ type: 'A', data: {} }] })), meta);
    await store.append('held-live', 0, [{ type: 'A', data: {} }], meta);
    await store.outbox.deleteMany({});
    assert.equal(await r.backlog(), 4);
    sink.release();
  });

  it('an append makes a pass over what this process holds only: another instance\'s old entry waits for the periodic look', async () => {
    const sink = recorder();
    const r = relay([sink], { pollIntervalMs: 3_600_000 });
    r.start();
    await r.drain();
    await new EventStore(documents, ago(20_000)).append('foreign-1', 0, [{ type: 'A', data: {} }], meta);
    await store.append('mine-1', 0, [{ type: 'A', data: {} }], meta);
    await expectEventually(() => assert.deepEqual(sink.published, ['mine-1@1']));
    await r.stop(); // waits for the pass under way
    assert.deepEqual(sink.published, ['mine-1@1']);
    assert.equal(await store.outbox.count({ _id: 'foreign-1@1' }), 1);
  });

  it('the periodic look asked for while a live pass runs is made by the next pass, not dropped (steady traffic never starves recovery)', async () => {
    const sink = recorder();
    const r = relay([sink], { pollIntervalMs: 3_600_000, foreignAfterMs: 10_000 });
    r.start();
    await r.drain();
    await new EventStore(documents, ago(20_000)).append('starved-1', 0, [{ type: 'A', data: {} }], meta);
    sink.hold();
    await store.append('busy-1', 0, [{ type: 'A', data: {} }], meta); // its pass waits at the sink
    r.kick(10_000); // the periodic look, while that pass runs
    sink.release();
    await expectEventually(() => assert.deepEqual(sink.published, ['busy-1@1', 'starved-1@1']));
    await r.stop();
    assert.equal(await store.outbox.count({}), 0);
  });

  it('a retry after a failed pass is over what this process holds only, too', async () => {
    const sink = recorder();
    const r = relay([sink], { pollIntervalMs: 3_600_000, logger: { error: () => undefined } });
    r.start();
    await r.drain();
    await new EventStore(documents, ago(20_000)).append('foreign-2', 0, [{ type: 'A', data: {} }], meta);
    sink.failures = 1;
    await store.append('mine-2', 0, [{ type: 'A', data: {} }], meta);
    await expectEventually(() => assert.deepEqual(sink.published, ['mine-2@1']));
    await r.stop();
    assert.equal(await store.outbox.count({ _id: 'foreign-2@1' }), 1);
  });

  it('a failed pass over an import alone (nothing live) is retried too', async () => {
    const sink = recorder();
    relay([sink], { logger: { error: () => undefined } }).start();
    sink.failures = 1;
    await store.startStreams([{ streamId: 'bulk-retry', events: [{ type: 'A', data: {} }] }], meta);
    await expectEventually(() => assert.deepEqual(sink.published, ['bulk-retry@1']));
  });

  it('without a logger, a failed pass is retried all the same', async () => {
    const sink = recorder();
    relay([sink]).start();
    sink.failures = 1;
    await store.append('quiet-1', 0, [{ type: 'A', data: {} }], meta);
    await expectEventually(() => assert.deepEqual(sink.published, ['quiet-1@1']));
  });

  it('after stop, the periodic look no longer runs', async (t) => {
    t.mock.timers.enable({ apis: ['setInterval'] });
    const sink = recorder();
    const r = relay([sink], { pollIntervalMs: 1_000, foreignAfterMs: 0 });
    r.start();
    await r.drain();
    await r.stop();
    await new EventStore(documents).append('after-stop', 0, [{ type: 'A', data: {} }], meta);
    t.mock.timers.tick(5_000);
    assert.equal(await r.drain(), 1, 'the entry was still there for drain');
  });

  it('batches go to the sinks in stream order (streams as they first appear, each by version), never empty, never larger than batchSize', async () => {
    const sink = recorder();
    const sizes: number[] = [];
    const sizing: OutboxSink = { name: 'sizes', handle: async (batch) => void sizes.push(batch.length) };
    sink.hold();
    const r = relay([sink, sizing], { batchSize: 3 });
    r.start();
    await store.append('first', 0, [{ type: 'A', data: {} }], meta); // its pass waits at the sink
    await store.append('b', 0, [{ type: 'A', data: {} }], meta);
    await store.append('a', 0, [{ type: 'A', data: {} }], meta);
    await store.append('b', 1, [{ type: 'A', data: {} }], meta);
    sink.release();
    await expectEventually(() => assert.equal(sink.published.length, 4));
    assert.deepEqual(sink.published, ['first@1', 'b@1', 'b@2', 'a@1']);
    await r.stop();
    // Recovery: the outbox answers by _id (s@1, s@10, s@11, s@2, ...): versions as numbers.
    const other = new EventStore(documents, ago(20_000));
    await other.append('s', 0, Array.from({ length: 11 }, () => ({ type: 'A', data: {} })), meta);
    const recovered = recorder();
    await relay([recovered, sizing], { batchSize: 20 }).drain();
    assert.deepEqual(recovered.published, Array.from({ length: 11 }, (_, i) => `s@${i + 1}`));
    sizes.length = 0;
    await other.append('s', 11, Array.from({ length: 5 }, () => ({ type: 'A', data: {} })), meta);
    await relay([recorder(), sizing], { batchSize: 2 }).drain();
    assert.deepEqual(sizes, [2, 2, 1]);
  });
});
