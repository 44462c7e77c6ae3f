import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileDocumentStore } from '#libs/persistence';
import { applyVersioned, applyVersionedBatch, type VersionedDoc } from './versioned-projection.js';

interface Tally extends VersionedDoc {
  seen: string[];
}
const evolve = (doc: Tally | null, e: string) => ({ seen: [...(doc?.seen ?? []), e] });

describe('applyVersionedBatch', () => {
  let dir: string;
  let documents: FileDocumentStore;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'versioned-'));
    documents = await FileDocumentStore.open(dir);
  });
  after(async () => {
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('folds each document in version order, skips repeats, inserts new and updates existing documents', async () => {
    const c = documents.collection<Tally>('tally');
    await applyVersioned(c, 'a', 1, 'a1', evolve);
    const told: Tally[] = [];
    const changed = await applyVersionedBatch(
      c,
      [
        { id: 'a', version: 3, event: 'a3' },
        { id: 'a', version: 1, event: 'a1-again' },
        { id: 'a', version: 2, event: 'a2' },
        { id: 'b', version: 1, event: 'b1' },
        { id: 'b', version: 1, event: 'b1-again' },
      ],
      evolve,
      (doc) => told.push(doc),
    );
    assert.equal(changed, 2);
    const docs = await c.find({}, { sort: { _id: 1 } });
    assert.deepEqual(told.sort((x, y) => x._id.localeCompare(y._id)), docs, 'each written document is told, as stored');
    assert.deepEqual(docs.map((d) => [d._id, d._version, d.seen]), [
      ['a', 3, ['a1', 'a2', 'a3']],
      ['b', 1, ['b1']],
    ]);
    // The same batch again (a re-delivery) changes nothing, and tells of nothing.
    const again: Tally[] = [];
    assert.equal(await applyVersionedBatch(c, [{ id: 'a', version: 3, event: 'x' }, { id: 'b', version: 1, event: 'y' }], evolve, (doc) => again.push(doc)), 0);
    assert.deepEqual(again, []);
  });

  it('a document created by another writer meanwhile is applied one by one, once', async () => {
    const c = documents.collection<Tally>('race');
    // Another consumer inserts "r" between this batch's read and its insert.
    let raced = false;
    const racing = Object.assign(Object.create(c) as typeof c, {
      insertMany: async (docs: readonly Tally[], options?: { ignoreDuplicates?: boolean }) => {
        if (!raced) await c.insertOne({ _id: 'r', _version: 1, seen: ['r1-other'] });
        raced = true;
        return c.insertMany(docs, options);
      },
    });
    const told: string[] = [];
    await applyVersionedBatch(racing, [{ id: 'r', version: 1, event: 'r1' }, { id: 'r', version: 2, event: 'r2' }, { id: 's', version: 1, event: 's1' }], evolve, (doc) => told.push(doc._id));
    assert.deepEqual(told.sort(), ['r', 's'], 'the raced document is told once, as updated over the other writer\'s');
    const docs = await c.find({}, { sort: { _id: 1 } });
    assert.deepEqual(docs.map((d) => [d._id, d._version, d.seen]), [
      ['r', 2, ['r1-other', 'r2']],
      ['s', 1, ['s1']],
    ]);
  });
});
