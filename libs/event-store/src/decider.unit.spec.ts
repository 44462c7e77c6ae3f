import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileDocumentStore } from '#libs/persistence';
import { aggregateStream } from './aggregate-stream.js';
import { runDecider, type Decider } from './decider.js';
import { EventStore } from './event.store.js';
import { ConcurrencyError, StreamBusyError, type DomainEvent, type StoredEvent } from './event-store.types.js';

// runDecider: load, fold, decide, append at the version read; on a lost race, reload and decide again.
const meta = { correlationId: 'c', causationId: null };
type Added = DomainEvent<'Added', { n: number }>;
/** A counter: `add` appends one event per number; `state` is the running total. */
const counter: Decider<{ add: number[] }, Added, number> = {
  decide: (command) => command.add.map((n) => ({ type: 'Added', data: { n } })),
  evolve: (total, event) => total + event.data.n,
  initialState: 100,
};
const counts = aggregateStream<Added>('count-');

/** A store in which another writer appends one event to the stream right after each of the first `races` reads. */
class RacingStore extends EventStore {
  reads = 0;
  races = 0;
  override async readStream(streamId: string): Promise<StoredEvent[]> {
    const history = await super.readStream(streamId);
    this.reads++;
    if (this.races > 0) {
      this.races--;
      await super.append(streamId, history.length, [{ type: 'Added', data: { n: 1000 } }], meta);
    }
    return history;
  }
}

describe('runDecider', () => {
  let dir: string;
  let documents: FileDocumentStore;
  let store: RacingStore;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'decider-'));
    documents = await FileDocumentStore.open(dir);
    store = new RacingStore(documents);
    await store.init();
  });
  after(async () => {
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('folds the history from the initial state, appends at its version and answers the state before and after', async () => {
    const first = await runDecider(store, counts.id('1'), counter, { add: [1, 2] }, meta);
    assert.deepEqual([first.previous, first.state, first.version], [100, 103, 2]);
    assert.deepEqual(first.appended.map((e) => [e._id, e.data]), [['count-1@1', { n: 1 }], ['count-1@2', { n: 2 }]]);
    const second = await runDecider(store, counts.id('1'), counter, { add: [10] }, meta);
    assert.deepEqual([second.previous, second.state, second.version], [103, 113, 3]);
    assert.deepEqual(second.appended.map((e) => e._id), ['count-1@3']);
  });

  it('a command that decides nothing appends nothing and answers the state as it is', async () => {
    const same = await runDecider(store, counts.id('1'), counter, { add: [] }, meta);
    assert.deepEqual([same.previous, same.state, same.version, same.appended], [113, 113, 3, []]);
  });

  it('after a lost race it reads again and decides on what the other writer wrote', async () => {
    store.reads = 0;
    store.races = 2;
    const decision = await runDecider(store, counts.id('2'), counter, { add: [5] }, meta);
    assert.equal(store.reads, 3);
    assert.deepEqual([decision.previous, decision.state, decision.version], [2100, 2105, 3]);
    assert.deepEqual((await store.readStream(counts.id('2'))).map((e) => (e.data as { n: number }).n), [1000, 1000, 5]);
  });

  it('gives up with the ConcurrencyError after the attempts it was given (5 unless told)', async () => {
    store.reads = 0;
    store.races = 5;
    await assert.rejects(runDecider(store, counts.id('3'), counter, { add: [1] }, meta), ConcurrencyError);
    assert.equal(store.reads, 5);
    store.reads = 0;
    store.races = 2;
    await assert.rejects(runDecider(store, counts.id('4'), counter, { add: [1] }, meta, 2), ConcurrencyError);
    assert.equal(store.reads, 2);
    store.races = 0;
  });

  it('any other error reaches the caller at once, without a second attempt', async () => {
    store.reads = 0;
    const refusal = new Error('not allowed');
    const refusing: Decider<object, Added, number> = { ...counter, decide: () => { throw refusal; } };
    await assert.rejects(runDecider(store, counts.id('5'), refusing, {}, meta), (e) => e === refusal);
    assert.equal(store.reads, 1);
  });

  it('an outbox entry left by an append that never wrote its events makes every attempt collide at the same version: StreamBusyError (a 503), not a ConcurrencyError (a 409)', async () => {
    // What a database crash mid-append leaves (the fault drills): the entry, and no event.
    const [template] = await store.append(counts.id('tmpl'), 0, [{ type: 'Added', data: { n: 1 } }], meta);
    await store.outbox.insertOne({ _id: 'count-orphan@1', lane: 'live', event: { ...template, _id: 'count-orphan@1', streamId: 'count-orphan' } });
    store.reads = 0;
    await assert.rejects(runDecider(store, counts.id('orphan'), counter, { add: [1] }, meta, 3), StreamBusyError);
    assert.equal(store.reads, 3);
  });
});
