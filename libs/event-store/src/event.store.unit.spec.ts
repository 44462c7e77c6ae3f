import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { DuplicateKeyError, FileDocumentStore, type DocumentCollection, type DocumentStore } from '#libs/persistence';
import { context, trace } from '@opentelemetry/api';
import { recordSpans } from '#libs/testing';
import { tracer } from '#libs/trace-context';
import { EventStore } from './event.store.js';
import { ConcurrencyError, type OutboxLane } from './event-store.types.js';

// What the store promises beyond the contract both engines share (event-store.contract.ts): the
// shape of what it writes, its listeners, imports over existing streams, and how it
// treats a failure that is not a conflict. On the embedded store, plus a store whose writes fail
// on demand (the port, not an engine: the engine behaviour is the contract's).
const meta = { correlationId: 'corr', causationId: 'cause', actor: 'tester' };
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const at = new Date('2026-03-04T05:06:07.000Z');
const clock = { now: () => at };

/** The embedded store, with `failNext(collection, method, error)` to make one write fail. */
function failing(documents: DocumentStore): DocumentStore & { failNext(name: string, method: 'insertMany', error: Error): void } {
  const planned = new Map<string, Error>();
  return {
    failNext: (name, method, error) => planned.set(`${name}.${method}`, error),
    collection<T extends { _id: string }>(name: string): DocumentCollection<T> {
      const real = documents.collection<T>(name);
      return new Proxy(real, {
        get(target, prop, receiver) {
          const planError = planned.get(`${name}.${String(prop)}`);
          if (planError) {
            return (...args: unknown[]) => {
              planned.delete(`${name}.${String(prop)}`);
              void args;
              return Promise.reject(planError);
            };
          }
          const value = Reflect.get(target, prop, receiver) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    },
    ping: () => documents.ping(),
    dropAll: () => documents.dropAll(),
    close: () => documents.close(),
  };
}

describe('EventStore beyond the contract (embedded store)', () => {
  let dir: string;
  let documents: ReturnType<typeof failing>;
  let store: EventStore;
  let heard: { ids: string[]; lane: OutboxLane }[];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'event-store-'));
    documents = failing(await FileDocumentStore.open(dir));
    store = new EventStore(documents, clock);
    await store.init();
    store.onAppended((events, lane) => heard.push({ ids: events.map((e) => e._id), lane }));
  });
  beforeEach(() => {
    heard = [];
  });
  after(async () => {
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('with requireCommitWithin, an append whose outbox write came too late after its timestamp is stored with the time the entry was written; one in time keeps its stamp', async () => {
    // A clock that moves 600 ms at each reading: the stamp, then the reading after the outbox write.
    let t = Date.parse('2026-05-01T00:00:00.000Z');
    const slow = { now: () => new Date((t += 600)) };
    const strict = new EventStore(documents, slow);
    strict.requireCommitWithin(500);
    const seen: string[] = [];
    const off = strict.onAppended((events) => seen.push(...events.map((e) => e.occurredAt)));
    const [late] = await strict.append('slow-1', 0, [{ type: 'A', data: {} }], meta);
    assert.equal(late.occurredAt, '2026-05-01T00:00:01.200Z', 'stamped again when its entry was written (600 ms after the first stamp)');
    const [stored] = await strict.collection.find({ streamId: 'slow-1' });
    assert.equal(stored.occurredAt, '2026-05-01T00:00:01.200Z', 'the event is stored with the new stamp');
    assert.deepEqual(seen, ['2026-05-01T00:00:01.200Z'], 'the relay hears the stored event');
    const [entry] = await strict.outbox.find({ _id: 'slow-1@1' });
    assert.equal(entry.event.occurredAt, '2026-05-01T00:00:00.600Z', 'the entry keeps the earlier stamp: the feed horizon stays below both until it is published');
    strict.requireCommitWithin(600);
    const [inTime] = await strict.append('slow-1', 1, [{ type: 'A', data: {} }], meta);
    assert.equal(inTime.occurredAt, '2026-05-01T00:00:01.800Z', 'within the limit (600 ms) it keeps its stamp');
    off();
  });

  it('writes each event whole: id, uuid, stream, version, type, schema version 1, data, metadata, the clock\'s time', async () => {
    const written = await store.append('shape-1', 0, [{ type: 'A', data: { n: 1 } }, { type: 'B', data: { n: 2 } }], meta);
    assert.equal(written.length, 2);
    written.forEach((e, i) => {
      assert.equal(e._id, `shape-1@${i + 1}`);
      assert.match(e.eventId, uuid);
      assert.equal(e.streamId, 'shape-1');
      assert.equal(e.version, i + 1);
      assert.equal(e.schemaVersion, 1);
      assert.deepEqual(e.metadata, meta);
      assert.equal(e.occurredAt, '2026-03-04T05:06:07.000Z');
    });
    assert.deepEqual(written.map((e) => [e.type, e.data]), [['A', { n: 1 }], ['B', { n: 2 }]]);
    assert.deepEqual(await store.readStream('shape-1'), written);
    const entries = await store.outbox.find({ _id: { $in: ['shape-1@1', 'shape-1@2'] } }, { sort: { _id: 1 } });
    assert.deepEqual(entries.map((e) => [e._id, e.lane, e.event]), written.map((e) => [e._id, 'live', e]));
    assert.deepEqual(heard, [{ ids: ['shape-1@1', 'shape-1@2'], lane: 'live' }]);
  });

  it('the system clock stamps the time of the append when no clock is given', async () => {
    const plain = new EventStore(documents);
    const before = Date.now();
    const [e] = await plain.append('clock-1', 0, [{ type: 'A', data: {} }], meta);
    assert.ok(Date.parse(e.occurredAt) >= before && Date.parse(e.occurredAt) <= Date.now(), e.occurredAt);
  });

  it('an append of nothing writes nothing and tells no listener', async () => {
    assert.deepEqual(await store.append('empty-1', 0, [], meta), []);
    assert.equal(await store.collection.count({ streamId: 'empty-1' }), 0);
    assert.deepEqual(heard, []);
  });

  it('a conflict is a retryable ConcurrencyError naming the stream and version, caused by the duplicate key', async () => {
    await store.append('conflict-1', 0, [{ type: 'A', data: {} }], meta);
    const early = await store.append('conflict-1', 0, [{ type: 'A', data: {} }], meta).catch((e: unknown) => e);
    assert.ok(early instanceof ConcurrencyError);
    assert.equal(early.name, 'ConcurrencyError');
    assert.equal(early.retryable, true);
    assert.equal(early.message, 'stream conflict-1 is no longer at version 0');
    assert.deepEqual([early.streamId, early.expectedVersion], ['conflict-1', 0]);
    assert.ok(early.cause instanceof DuplicateKeyError, 'caught at the outbox');
    await store.outbox.deleteMany({ _id: 'conflict-1@1' });
    const late = await store.append('conflict-1', 0, [{ type: 'A', data: {} }], meta).catch((e: unknown) => e);
    assert.ok(late instanceof ConcurrencyError && late.cause instanceof DuplicateKeyError, 'caught at the events');
  });

  it('init makes (stream, version) unique whatever the _id', async () => {
    const [e] = await store.append('unique-1', 0, [{ type: 'A', data: {} }], meta);
    await assert.rejects(store.collection.insertOne({ ...e, _id: 'another-id', eventId: 'another' }), DuplicateKeyError);
  });

  it('append never derives its event ids: the same stream and version in two stores get two ids', async () => {
    const otherDir = await mkdtemp(join(tmpdir(), 'event-store-other-'));
    const other = await FileDocumentStore.open(otherDir);
    try {
      const [mine] = await store.append('twin-1', 0, [{ type: 'A', data: {} }], meta);
      const [theirs] = await new EventStore(other, clock).append('twin-1', 0, [{ type: 'A', data: {} }], meta);
      assert.notEqual(mine.eventId, theirs.eventId);
      // An import asked for derived ids gets the same id in both; one that did not ask gets two.
      await store.startStreams([{ streamId: 'twin-2', events: [{ type: 'A', data: {} }] }], meta, { derivedIds: true });
      await new EventStore(other, clock).startStreams([{ streamId: 'twin-2', events: [{ type: 'A', data: {} }] }], meta, { derivedIds: true });
      assert.equal((await store.readStream('twin-2'))[0].eventId, (await new EventStore(other).readStream('twin-2'))[0].eventId);
      await store.startStreams([{ streamId: 'twin-3', events: [{ type: 'A', data: {} }] }], meta);
      await new EventStore(other, clock).startStreams([{ streamId: 'twin-3', events: [{ type: 'A', data: {} }] }], meta);
      assert.notEqual((await store.readStream('twin-3'))[0].eventId, (await new EventStore(other).readStream('twin-3'))[0].eventId);
    } finally {
      await other.close();
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it('a lost race removes only its own entries: another stream\'s pending entry stays', async () => {
    await store.append('other-1', 0, [{ type: 'A', data: {} }], meta);
    const [first] = await store.append('lost-1', 0, [{ type: 'A', data: {} }], meta);
    await store.outbox.deleteMany({ _id: first._id });
    heard = [];
    await assert.rejects(store.append('lost-1', 0, [{ type: 'A', data: {} }], meta), ConcurrencyError);
    assert.equal(await store.outbox.count({ _id: 'other-1@1' }), 1);
    assert.equal(await store.outbox.count({ _id: 'lost-1@1' }), 0);
    assert.deepEqual(heard, [], 'nobody hears of a lost append');
  });

  it('a failure that is not a conflict reaches the caller as it is, and nothing of the append stays', async () => {
    const outboxDown = new Error('outbox down');
    documents.failNext('outbox', 'insertMany', outboxDown);
    await assert.rejects(store.append('fail-1', 0, [{ type: 'A', data: {} }], meta), (e) => e === outboxDown);
    const eventsDown = new Error('events down');
    documents.failNext('events', 'insertMany', eventsDown);
    await assert.rejects(store.append('fail-2', 0, [{ type: 'A', data: {} }], meta), (e) => e === eventsDown);
    assert.equal(await store.outbox.count({ _id: { $in: ['fail-1@1', 'fail-2@1'] } }), 0);
    assert.equal(await store.collection.count({ streamId: { $in: ['fail-1', 'fail-2'] } }), 0);
    assert.deepEqual(heard, []);
    // The stream is free: the next append at version 0 succeeds.
    assert.equal((await store.append('fail-2', 0, [{ type: 'A', data: {} }], meta)).length, 1);
  });

  it('an unsubscribed listener hears nothing more', async () => {
    const late: string[] = [];
    const unsubscribe = store.onAppended((events) => late.push(...events.map((e) => e._id)));
    await store.append('listen-1', 0, [{ type: 'A', data: {} }], meta);
    unsubscribe();
    await store.append('listen-1', 1, [{ type: 'A', data: {} }], meta);
    assert.deepEqual(late, ['listen-1@1']);
    assert.deepEqual(heard.map((h) => h.ids), [['listen-1@1'], ['listen-1@2']]);
  });

  describe('startStreams', () => {
    const streams = (prefix: string, n: number, events = 1) =>
      Array.from({ length: n }, (_, i) => ({
        streamId: `${prefix}-${i}`,
        events: Array.from({ length: events }, (_e, v) => ({ type: 'Imported', data: { i, v } })),
      }));

    it('writes in chunks on the bulk lane, calls beforeChunk per chunk, and random ids unless derived ones are asked for', async () => {
      let chunks = 0;
      const existing = await store.startStreams(streams('imp', 5, 2), meta, { chunkSize: 2, beforeChunk: async () => void chunks++ });
      assert.deepEqual(existing, []);
      assert.equal(chunks, 3);
      assert.deepEqual(heard.map((h) => [h.ids.length, h.lane]), [[4, 'bulk'], [4, 'bulk'], [2, 'bulk']]);
      const written = await store.collection.find({ streamId: /^imp-/ });
      assert.equal(written.length, 10);
      assert.ok(written.every((e) => uuid.test(e.eventId) && e.occurredAt === at.toISOString()));
      const entries = await store.outbox.find({ _id: /^imp-/ });
      assert.equal(entries.length, 10);
      assert.ok(entries.every((e) => e.lane === 'bulk'));
      // Random ids: the same import into other streams gets other ids; derived ids are the same each time.
      const derived = async (prefix: string) => {
        await store.startStreams(streams(prefix, 1), meta, { derivedIds: true, lane: 'live' });
        return (await store.readStream(`${prefix}-0`))[0].eventId;
      };
      const a = await derived('der-a');
      assert.equal(a, '5d020f7f-0d62-8565-ae46-c89fd1336177', 'the first 128 bits of sha256("der-a-0@1"): ids already stored must not change');
      assert.match(a, uuid);
      assert.notEqual(a, await derived('der-b'));
      assert.equal(heard.at(-1)?.lane, 'live');
      await store.startStreams(streams('rnd', 1), meta);
      assert.notEqual((await store.readStream('rnd-0'))[0].eventId, (await store.readStream('imp-0'))[0].eventId);
    });

    it('a number of streams that fills its chunks exactly takes that many chunks', async () => {
      let chunks = 0;
      await store.startStreams(streams('exact', 4), meta, { chunkSize: 2, beforeChunk: async () => void chunks++ });
      assert.equal(chunks, 2);
    });

    it('uses chunks of 500 unless told otherwise', async () => {
      let chunks = 0;
      await store.startStreams(streams('big', 501), meta, { beforeChunk: async () => void chunks++ });
      assert.equal(chunks, 2);
      assert.deepEqual(heard.map((h) => h.ids.length), [500, 1]);
    });

    it('a stream without events is skipped; an import of only such streams tells nobody', async () => {
      const existing = await store.startStreams([{ streamId: 'none-0', events: [] }], meta);
      assert.deepEqual(existing, []);
      assert.deepEqual(heard, []);
      assert.equal(await store.collection.count({ streamId: 'none-0' }), 0);
    });

    it('over streams that exist: each named once, its events untouched, no entry of this import left, a live writer\'s entry kept', async () => {
      await store.startStreams(streams('again', 3, 2), meta);
      const before = await store.collection.find({ streamId: /^again-/ }, { sort: { _id: 1 } });
      await store.outbox.deleteMany({ _id: /^again-[01]/ }); // 0 and 1 were published; 2 still waits
      heard = [];
      const existing = await store.startStreams([...streams('again', 3, 2), ...streams('fresh', 1)], meta);
      assert.deepEqual(existing.sort(), ['again-0', 'again-1', 'again-2']);
      assert.deepEqual(await store.collection.find({ streamId: /^again-/ }, { sort: { _id: 1 } }), before);
      assert.deepEqual((await store.outbox.find({ _id: /^again-/ })).map((e) => e._id).sort(), ['again-2@1', 'again-2@2']);
      assert.deepEqual(
        (await store.outbox.find({ _id: /^again-2/ })).map((e) => e.event.eventId).sort(),
        before.filter((e) => e.streamId === 'again-2').map((e) => e.eventId).sort(),
      );
      assert.deepEqual(heard.map((h) => h.ids), [['fresh-0@1']], 'only the new stream is announced');
      heard = [];
      assert.deepEqual(await store.startStreams(streams('again', 1), meta), ['again-0']);
      assert.deepEqual(heard, [], 'an import of only existing streams announces nothing');
    });
  });
});

describe('EventStore.readAll orders by stream, then by version as a number', () => {
  it('whatever order the engine returns', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'event-store-all-'));
    const documents = await FileDocumentStore.open(dir);
    try {
      const store = new EventStore(documents);
      // By `_id` the engine's own order would be a-b@1, a@1, a@10, a@11, a@2, ...
      await store.append('z', 0, [{ type: 'E', data: {} }, { type: 'E', data: {} }], meta);
      await store.append('a', 0, Array.from({ length: 11 }, (_, i) => ({ type: 'E', data: { i } })), meta);
      await store.append('a-b', 0, [{ type: 'E', data: {} }], meta);
      await store.append('0', 0, [{ type: 'E', data: {} }], meta);
      assert.deepEqual((await store.readStream('a')).map((e) => e.version), Array.from({ length: 11 }, (_, i) => i + 1));
      const order: string[] = [];
      for await (const e of store.readAll()) order.push(e._id);
      assert.deepEqual(order, ['0@1', ...Array.from({ length: 11 }, (_, i) => `a@${i + 1}`), 'a-b@1', 'z@1', 'z@2']);
    } finally {
      await documents.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('EventStore and traces', () => {
  it('records the active trace in the events\' metadata at append, nothing without one', async () => {
    const recorder = recordSpans();
    const dir = await mkdtemp(join(tmpdir(), 'es-trace-'));
    try {
      const store = new EventStore(new FileDocumentStore(dir), clock);
      const untraced = await store.append('s-1', 0, [{ type: 'A', data: {} }], meta);
      assert.deepEqual(untraced[0].metadata, meta);
      const span = tracer().startSpan('request');
      const traced = await context.with(trace.setSpan(context.active(), span), () => store.append('s-1', 1, [{ type: 'B', data: {} }], meta));
      span.end();
      assert.equal(traced[0].metadata.traceparent, `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
      assert.equal(traced[0].metadata.correlationId, 'corr');
      assert.deepEqual((await store.readStream('s-1'))[1].metadata, traced[0].metadata);
    } finally {
      recorder.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
