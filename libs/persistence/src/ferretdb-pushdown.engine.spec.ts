import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BSON, MongoClient, ObjectId, type Collection, type Document, type Filter, type Sort } from 'mongodb';
import { engineUrls, runId } from '#libs/testing';

const { EJSON } = BSON;

/**
 * Our FerretDB build pushes a find's sort and limit down to PostgreSQL when its filter is exact in
 * SQL (tools/engines/ferretdb/patches/internal/backends/postgresql/topn.go): string equality and
 * string ranges on top-level fields, one sort field. The answer must be what FerretDB gives without
 * it, whatever the data: here fields are strings, but also arrays, numbers, nulls, ObjectIds, Dates,
 * documents, or absent. The reference is the same find without a limit (no pushdown: FerretDB's own
 * path), cut in JavaScript. Ties on the sort value may come in any order (as in MongoDB), so the
 * sort values must be the same sequence, and the documents the same except among the last value's ties.
 */

/** A small deterministic generator (mulberry32), so that a failure can be reproduced. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MISSING = Symbol('missing');
const strings = ['a', 'b', 'c', 'B', 'ab', 'é', 'e', 'z', '日本', 'Ω', '😀', 'a b', "o'k", 'x\\y', ''];

function makeDocs(n: number, next: () => number): Document[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const org = (): unknown => pick<unknown>(['a', 'a', 'a', 'a', 'b', 'b', 'c', ['a', 'c'], ['b'], 1, null, MISSING, new ObjectId('0123456789abcdef01234567')]);
  const status = (): unknown => pick<unknown>(['u', 'u', 'u', 'r', 'r', ['u'], 2, null, MISSING]);
  const key = (): unknown => {
    const r = next();
    if (r < 0.75) return `${pick(strings)}${Math.floor(next() * 50)}`;
    return pick<unknown>([7, 2.5, -1, null, MISSING, ['b3', 'z9'], [], new ObjectId(), new Date(1_700_000_000_000 + Math.floor(next() * 1e6)), true, { k: 'a' }, 'a1']);
  };
  return Array.from({ length: n }, (_, i) => {
    const doc: Document = { _id: `d${String(i).padStart(5, '0')}`, pad: 'x'.repeat(Math.floor(next() * 300)) };
    for (const [field, value] of [['org', org()], ['status', status()], ['key', key()], ['pos', next() < 0.9 ? `p${String(Math.floor(next() * 500)).padStart(4, '0')}` : key()]] as const) {
      if (value !== MISSING) doc[field] = value;
    }
    return doc;
  });
}

/**
 * A document's sort key for one field and direction, as text: equal texts tie (MongoDB may return
 * tied documents in any order). The BSON order of the types these documents hold: an empty array,
 * then null (a missing field sorts as null), numbers, strings, documents, ObjectIds, booleans,
 * Dates; an array sorts by its least element ascending and its greatest descending.
 */
function sortKey(doc: Document, field: string, direction: 1 | -1): string {
  const value: unknown = field in doc ? doc[field] : null;
  const scalar = (v: unknown): [number, string] => {
    if (v === null) return [1, ''];
    if (typeof v === 'number') return [2, String(v)];
    if (typeof v === 'string') return [3, v];
    if (v instanceof ObjectId) return [5, v.toHexString()];
    if (typeof v === 'boolean') return [6, String(v)];
    if (v instanceof Date) return [7, String(v.getTime())];
    return [4, EJSON.stringify(v)];
  };
  if (Array.isArray(value)) {
    if (value.length === 0) return JSON.stringify([0, '']);
    const keys = value.map(scalar).sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    return JSON.stringify(direction === 1 ? keys[0] : keys.at(-1));
  }
  return JSON.stringify(scalar(value));
}

async function sameAsUnlimited(items: Collection, filter: Filter<Document>, sort: Sort & Record<string, 1 | -1>, limit: number, skip: number): Promise<void> {
  const [[field, direction]] = Object.entries(sort) as [string, 1 | -1][];
  const label = `${EJSON.stringify(filter)} sort ${JSON.stringify(sort)} skip ${skip} limit ${limit}`;
  const limited = await items.find(filter).sort(sort).skip(skip).limit(limit).toArray();
  const all = await items.find(filter).sort(sort).toArray();
  const expected = all.slice(skip, skip + limit);
  const keyOf = (d: Document) => sortKey(d, field, direction);
  assert.deepEqual(limited.map(keyOf), expected.map(keyOf), `sort keys of ${label}`);
  // Ties with the first (when skipping) and the last document may be any of the tied ones.
  const open = new Set([expected.at(-1), skip > 0 ? expected[0] : undefined].flatMap((d) => (d ? [keyOf(d)] : [])));
  const settled = (ds: Document[]) => ds.filter((d) => !open.has(keyOf(d))).map((d) => String(d._id)).sort();
  assert.deepEqual(settled(limited), settled(expected), `documents of ${label}`);
}

describe('FerretDB: sort and limit pushdown gives the same answers', () => {
  let client: MongoClient;
  let items: Collection;
  let bare: Collection;
  const dbName = runId('pushdown');

  before(async () => {
    client = await MongoClient.connect(engineUrls.mongoUri);
    const db = client.db(dbName);
    items = db.collection('items');
    bare = db.collection('bare');
    await items.createIndexes([{ key: { org: 1, status: 1, key: -1 } }, { key: { org: 1, pos: 1 } }]);
    const docs = makeDocs(1_500, random(20261202));
    await items.insertMany(docs);
    // The same documents where only _id is indexed: no btree to scan in order, the same answers.
    await bare.insertMany(docs);
  });

  after(async () => {
    await client.db(dbName).dropDatabase();
    await client.close();
  });

  const filters: Filter<Document>[] = [
    {},
    { org: 'a' },
    { org: 'a', status: 'u' },
    { org: { $eq: 'b' }, status: 'r' },
    { org: 'a', key: { $lt: 'c' } },
    { org: 'a', status: 'u', key: { $lte: 'b30', $gt: 'a' } },
    { key: { $gte: 'é', $lt: '😀' } },
    { org: 'c', pos: { $gt: 'p0100' } },
    { org: 'zz' },
    { status: 'u', key: 'a1' },
    { org: 'a', $comment: 'a comment is not a condition' },
  ];
  const sorts: (Sort & Record<string, 1 | -1>)[] = [{ key: -1 }, { key: 1 }, { pos: 1 }, { pos: -1 }, { _id: -1 }];

  for (const filter of filters) {
    it(`${EJSON.stringify(filter)}: every sort, limit and skip`, async () => {
      for (const sort of sorts) {
        for (const [limit, skip] of [[1, 0], [5, 0], [51, 0], [20, 7], [2_000, 0]] as const) {
          await sameAsUnlimited(items, filter, sort, limit, skip);
        }
      }
    });
  }

  it('without a secondary index the answers are the same', async () => {
    for (const filter of filters.slice(0, 6)) for (const sort of sorts.slice(0, 2)) await sameAsUnlimited(bare, filter, sort, 51, 0);
  });

  it('filters it cannot serve exactly (regex, $in, $or, numbers, null, dotted fields, compound sort) keep their answers', async () => {
    const others: Filter<Document>[] = [
      { org: 'a', key: { $regex: /^b/ } },
      { org: { $in: ['a', 'b'] }, status: 'u' },
      { $or: [{ org: 'a' }, { status: 'r' }] },
      { org: 1 },
      { org: null },
      { status: 'u', key: { $lt: 5 } },
      { 'org.0': 'a' },
    ];
    for (const filter of others) for (const sort of sorts.slice(0, 2)) await sameAsUnlimited(items, filter, sort, 20, 0);
    const compound = await items.find({ org: 'a' }).sort({ status: 1, key: -1 }).limit(30).toArray();
    const compoundAll = (await items.find({ org: 'a' }).sort({ status: 1, key: -1 }).toArray()).slice(0, 30);
    const both = (d: Document) => `${sortKey(d, 'status', 1)} ${sortKey(d, 'key', -1)}`;
    assert.deepEqual(compound.map(both), compoundAll.map(both));
  });

  it('documents changed after the index was made are found by their new types', async () => {
    // A string becomes an array, a number becomes a string, a field goes: each must move set.
    await items.updateOne({ org: 'a', status: 'u', key: { $type: 'string' } }, { $set: { key: ['zzz'] } });
    await items.updateMany({ status: 2 }, { $set: { status: 'u' } });
    await items.updateOne({ org: 'a', key: { $type: 'string' } }, { $unset: { key: '' } });
    for (const filter of filters.slice(1, 4)) for (const sort of sorts.slice(0, 2)) await sameAsUnlimited(items, filter, sort, 51, 0);
  });
});
