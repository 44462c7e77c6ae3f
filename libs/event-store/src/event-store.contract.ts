import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DocumentStore } from '#libs/persistence';
import { EventStore } from './event.store.js';
import { ConcurrencyError } from './event-store.types.js';

const meta = { correlationId: 'c-1', causationId: null };

/** Optimistic concurrency and ordering, the same on every document store. */
export function eventStoreContract(name: string, open: () => Promise<DocumentStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let documents: DocumentStore;
    let store: EventStore;
    before(async () => {
      documents = await open();
      store = new EventStore(documents);
      await store.init();
    });
    after(async () => {
      await documents.dropAll();
      await documents.close();
    });

    it('appends and reads a stream in version order', async () => {
      await store.append('s-1', 0, [{ type: 'A', data: { i: 1 } }, { type: 'B', data: { i: 2 } }], meta);
      await store.append('s-1', 2, [{ type: 'C', data: { i: 3 } }], meta);
      const events = await store.readStream('s-1');
      assert.deepEqual(events.map((e) => [e.version, e.type]), [[1, 'A'], [2, 'B'], [3, 'C']]);
      assert.ok(events.every((e) => e.published === false && e.metadata.correlationId === 'c-1'));
    });

    it('two concurrent appends at the same expected version: exactly one wins, the other gets ConcurrencyError', async () => {
      for (let round = 0; round < 10; round++) {
        const stream = `race-${round}`;
        const results = await Promise.allSettled([
          store.append(stream, 0, [{ type: 'X', data: { by: 'first' } }, { type: 'Y', data: {} }], meta),
          store.append(stream, 0, [{ type: 'X', data: { by: 'second' } }, { type: 'Y', data: {} }], meta),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        assert.equal(won.length, 1);
        assert.equal(lost.length, 1);
        assert.ok(lost[0].reason instanceof ConcurrencyError, `got ${String(lost[0].reason)}`);
        const events = await store.readStream(stream);
        assert.equal(events.length, 2, 'the loser wrote nothing');
        assert.equal(new Set(events.map((e) => (e.data as { by?: string }).by ?? '')).size, 2);
      }
    });

    it('a stale expected version is a ConcurrencyError, not any other error', async () => {
      await store.append('s-2', 0, [{ type: 'A', data: {} }], meta);
      await assert.rejects(store.append('s-2', 0, [{ type: 'A', data: {} }], meta), ConcurrencyError);
    });

    it('readAll yields every event stream by stream', async () => {
      const all = [];
      for await (const e of store.readAll(2)) all.push(`${e.streamId}@${e.version}`);
      assert.ok(all.includes('s-1@3') && all.includes('s-2@1'));
      assert.equal(all.length, await store.collection.count());
    });
  });
}
