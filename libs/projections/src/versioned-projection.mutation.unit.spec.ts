// Cases StrykerJS showed unpinned (npm run test:mutation): applyVersioned's answers (applied or
// not), its repeat at the same version, its race with another writer (insert lost, update lost,
// five lost in a row), and an empty batch.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileDocumentStore, type DocumentCollection } from '#libs/persistence';
import { applyVersioned, applyVersionedBatch, type VersionedDoc } from './versioned-projection.js';

interface Tally extends VersionedDoc {
  seen: string[];
}
const evolve = (doc: Tally | null, e: string) => (e === 'ignored' ? null : { seen: [...(doc?.seen ?? []), e] });

/** The collection, with hooks that play another writer just before this one writes. */
const racing = (c: DocumentCollection<Tally>, hooks: { beforeInsert?: () => Promise<void>; beforeUpdate?: () => Promise<void> }) => {
  const counts = { findOne: 0 };
  const proxy = new Proxy(c, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (prop === 'findOne') counts.findOne++;
        if (prop === 'insertOne' && hooks.beforeInsert) await hooks.beforeInsert();
        if (prop === 'updateOne' && hooks.beforeUpdate) await hooks.beforeUpdate();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { collection: proxy, counts };
};

describe('applyVersioned (mutation cases)', () => {
  let dir: string;
  let documents: FileDocumentStore;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'versioned-mut-'));
    documents = await FileDocumentStore.open(dir);
  });
  after(async () => {
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('says whether it wrote: a new document, an update, a repeat at the same version, an event that changes nothing', async () => {
    const c = documents.collection<Tally>('answers');
    assert.equal(await applyVersioned(c, 'a', 1, 'a1', evolve), true);
    assert.equal(await applyVersioned(c, 'a', 2, 'a2', evolve), true);
    assert.equal(await applyVersioned(c, 'a', 2, 'again', evolve), false);
    assert.equal(await applyVersioned(c, 'a', 3, 'ignored', evolve), false);
    assert.equal(await applyVersioned(c, 'b', 1, 'ignored', evolve), false);
    assert.deepEqual(await c.findOne({ _id: 'a' }), { _id: 'a', _version: 2, seen: ['a1', 'a2'] });
    assert.equal(await c.findOne({ _id: 'b' }), null);
  });

  it('loses an insert race: re-reads and applies on top of the winner', async () => {
    const c = documents.collection<Tally>('insert-race');
    let once = false;
    const { collection } = racing(c, {
      beforeInsert: async () => {
        if (once) return;
        once = true;
        await c.insertOne({ _id: 'a', _version: 1, seen: ['other'] });
      },
    });
    assert.equal(await applyVersioned(collection, 'a', 2, 'mine', evolve), true);
    assert.deepEqual(await c.findOne({ _id: 'a' }), { _id: 'a', _version: 2, seen: ['other', 'mine'] });
    const dup = racing(c, { beforeInsert: async () => Promise.reject(new Error('disk full')) });
    await assert.rejects(applyVersioned(dup.collection, 'z', 1, 'z1', evolve), /disk full/);
  });

  it('loses an update race: re-reads; five lost in a row is an error', async () => {
    const c = documents.collection<Tally>('update-race');
    await c.insertOne({ _id: 'a', _version: 1, seen: ['a1'] });
    let version = 1;
    const bump = async () => {
      version++;
      await c.updateOne({ _id: 'a' }, { $set: { _version: version, seen: [`other${version}`] } });
    };
    let losses = 1;
    const once = racing(c, { beforeUpdate: async () => (losses-- > 0 ? bump() : undefined) });
    assert.equal(await applyVersioned(once.collection, 'a', 10, 'mine', evolve), true);
    assert.deepEqual(await c.findOne({ _id: 'a' }), { _id: 'a', _version: 10, seen: ['other2', 'mine'] });
    assert.equal(once.counts.findOne, 2);

    version = 10;
    const always = racing(c, { beforeUpdate: bump });
    await assert.rejects(applyVersioned(always.collection, 'a', 100, 'mine', evolve), /read model a: too many concurrent updates/);
    assert.equal(always.counts.findOne, 5);
  });

  it('an empty batch writes nothing', async () => {
    const c = documents.collection<Tally>('empty');
    const { collection, counts } = racing(c, {});
    assert.equal(await applyVersionedBatch(collection, [], evolve), 0);
    assert.equal(counts.findOne, 0);
  });
});
