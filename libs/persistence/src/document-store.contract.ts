import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DuplicateKeyError, type DocumentStore } from './document-store.port.js';

interface Item {
  _id: string;
  kind: string;
  n: number;
  tags?: string[];
  _version?: number;
}

/** The same behaviour from every DocumentStore adapter: run against FerretDB and the file store. */
export function documentStoreContract(name: string, open: () => Promise<DocumentStore>): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let store: DocumentStore;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store.dropAll();
      await store.close();
    });

    it('inserts, finds with filters, sorts, skips and limits', async () => {
      const items = store.collection<Item>('items');
      await items.insertMany([
        { _id: 'a', kind: 'x', n: 3 },
        { _id: 'b', kind: 'x', n: 1 },
        { _id: 'c', kind: 'y', n: 2 },
      ]);
      assert.deepEqual((await items.findOne({ _id: 'c' }))?.n, 2);
      assert.equal(await items.findOne({ _id: 'zz' }), null);
      assert.deepEqual((await items.find({ kind: 'x' }, { sort: { n: 1 } })).map((i) => i._id), ['b', 'a']);
      assert.deepEqual((await items.find({ n: { $gte: 2 } }, { sort: { n: -1 } })).map((i) => i._id), ['a', 'c']);
      assert.deepEqual((await items.find({}, { sort: { _id: 1 }, skip: 1, limit: 1 })).map((i) => i._id), ['b']);
      assert.deepEqual((await items.find({ _id: { $in: ['a', 'c'] } }, { sort: { _id: 1 } })).map((i) => i._id), ['a', 'c']);
      assert.equal(await items.count({ kind: 'x' }), 2);
    });

    it('insertMany with ignoreDuplicates writes the rest and answers which positions were duplicates', async () => {
      const bulk = store.collection<Item>('bulk');
      await bulk.insertOne({ _id: 'b', kind: 'old', n: 0 });
      const r = await bulk.insertMany(
        [
          { _id: 'a', kind: 'new', n: 1 },
          { _id: 'b', kind: 'new', n: 2 },
          { _id: 'c', kind: 'new', n: 3 },
          { _id: 'a', kind: 'new', n: 4 },
        ],
        { ignoreDuplicates: true },
      );
      assert.deepEqual(r.duplicates, [1, 3]);
      assert.deepEqual((await bulk.find({}, { sort: { _id: 1 } })).map((i) => [i._id, i.n]), [['a', 1], ['b', 0], ['c', 3]]);
      assert.deepEqual((await bulk.insertMany([{ _id: 'd', kind: 'new', n: 5 }], { ignoreDuplicates: true })).duplicates, []);
    });

    it('refuses a duplicate _id or unique key with DuplicateKeyError and writes nothing', async () => {
      const users = store.collection<Item>('users');
      await users.ensureIndex({ kind: 1, n: 1 }, { unique: true });
      await users.insertOne({ _id: 'u1', kind: 'k', n: 1 });
      await assert.rejects(users.insertOne({ _id: 'u1', kind: 'other', n: 9 }), DuplicateKeyError);
      await assert.rejects(users.insertOne({ _id: 'u2', kind: 'k', n: 1 }), DuplicateKeyError);
      assert.equal(await users.count(), 1);
    });

    it('updates with $set, $inc, $push, upsert and a compare-and-set filter', async () => {
      const docs = store.collection<Item>('docs');
      const up = await docs.updateOne({ _id: 'd1' }, { $inc: { n: 1 }, $set: { kind: 'k' } }, { upsert: true });
      assert.equal(up.upserted, true);
      await docs.updateOne({ _id: 'd1' }, { $inc: { n: 2 }, $push: { tags: 't' } });
      const d1 = await docs.findOne({ _id: 'd1' });
      assert.equal(d1?.n, 3);
      assert.deepEqual(d1?.tags, ['t']);
      await docs.updateOne({ _id: 'd1' }, { $set: { _version: 1 } });
      const stale = await docs.updateOne({ _id: 'd1', _version: 0 }, { $set: { kind: 'stale' } });
      assert.equal(stale.matched, 0);
      const fresh = await docs.updateOne({ _id: 'd1', _version: 1 }, { $set: { kind: 'fresh', _version: 2 } });
      assert.equal(fresh.matched, 1);
      assert.equal((await docs.findOne({ _id: 'd1' }))?.kind, 'fresh');
      assert.equal(await docs.updateMany({ kind: 'fresh' }, { $set: { n: 0 } }), 1);
      assert.equal(await docs.deleteMany({ _id: 'd1' }), 1);
    });
  });
}
