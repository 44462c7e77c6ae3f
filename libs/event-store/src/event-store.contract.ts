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
      assert.ok(events.every((e) => e.metadata.correlationId === 'c-1' && e._id === `s-1@${e.version}`));
      assert.equal(new Set(events.map((e) => e.eventId)).size, 3);
      // Until a relay publishes them, the outbox holds exactly these events.
      const pending = await store.outbox.find({ _id: { $in: events.map((e) => e._id) } });
      assert.deepEqual(pending.map((p) => p.event.eventId).sort(), events.map((e) => e.eventId).sort());
    });

    it('two concurrent appends at the same expected version: exactly one wins, the other gets ConcurrencyError', async () => {
      for (let round = 0; round < 10; round++) {
        const stream = `race-${round}`;
        const results = await Promise.allSettled([
          store.append(stream, 0, [{ type: 'X', data: { by: 'first' } }, { type: 'Y', data: { by: 'first' } }], meta),
          store.append(stream, 0, [{ type: 'X', data: { by: 'second' } }, { type: 'Y', data: { by: 'second' } }], meta),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        assert.equal(won.length, 1);
        assert.equal(lost.length, 1);
        assert.ok(lost[0].reason instanceof ConcurrencyError, `got ${String(lost[0].reason)}`);
        const events = await store.readStream(stream);
        assert.equal(events.length, 2, 'the loser wrote nothing');
        // Both events come from the one writer that won, and only its entries wait in the outbox.
        const winner = (events[0].data as { by: string }).by;
        assert.ok(events.every((e) => (e.data as { by: string }).by === winner));
        const pending = await store.outbox.find({ _id: { $in: [`${stream}@1`, `${stream}@2`] } });
        assert.deepEqual(pending.map((p) => (p.event.data as { by: string }).by), [winner, winner]);
      }
    });

    it('a stale expected version is a ConcurrencyError, not any other error', async () => {
      await store.append('s-2', 0, [{ type: 'A', data: {} }], meta);
      await assert.rejects(store.append('s-2', 0, [{ type: 'A', data: {} }], meta), ConcurrencyError);
    });

    it('an append that loses to a stream whose entry already left the outbox is a ConcurrencyError and leaves no entry', async () => {
      const [first] = await store.append('s-3', 0, [{ type: 'A', data: { by: 'first' } }], meta);
      await store.outbox.deleteMany({ _id: first._id }); // published and forgotten
      await assert.rejects(store.append('s-3', 0, [{ type: 'A', data: { by: 'late' } }], meta), ConcurrencyError);
      assert.equal(await store.outbox.count({ _id: 's-3@1' }), 0);
      assert.deepEqual((await store.readStream('s-3')).map((e) => (e.data as { by: string }).by), ['first']);
    });

    it('startStreams writes new streams in bulk, skips existing ones, and a repeat with derived ids writes the same events', async () => {
      await store.append('bulk-0', 0, [{ type: 'A', data: { live: true } }], meta);
      const streams = Array.from({ length: 5 }, (_, i) => ({ streamId: `bulk-${i}`, events: [{ type: 'A', data: { i } }] }));
      const existing = await store.startStreams(streams, meta, { derivedIds: true, chunkSize: 2 });
      assert.deepEqual(existing, ['bulk-0']);
      const written = await store.readMany(streams.map((s) => `${s.streamId}@1`));
      assert.equal(written.length, 5);
      assert.deepEqual(written.find((e) => e.streamId === 'bulk-0')?.data, { live: true });
      const again = await store.startStreams(streams, meta, { derivedIds: true });
      assert.equal(again.length, 5);
      assert.deepEqual(
        (await store.readMany(streams.map((s) => `${s.streamId}@1`))).map((e) => e.eventId).sort(),
        written.map((e) => e.eventId).sort(),
      );
      const entries = await store.outbox.find({ lane: 'bulk' });
      assert.equal(entries.filter((e) => e._id.startsWith('bulk-')).length, 4);
    });

    it('readAll yields every event stream by stream', async () => {
      const all = [];
      for await (const e of store.readAll()) all.push(`${e.streamId}@${e.version}`);
      assert.ok(all.includes('s-1@3') && all.includes('s-2@1'));
      assert.equal(all.length, await store.collection.count());
    });
  });
}
