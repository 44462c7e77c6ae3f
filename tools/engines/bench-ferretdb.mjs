// Measures the MongoDB-wire operations the event store uses against a running FerretDB (or MongoDB):
// 10,000 event-shaped documents {_id, streamId, version, type, data:{...}, occurredAt} with the
// event store's unique {streamId, version} index; each figure is the median of --runs runs.
//
//   node tools/engines/bench-ferretdb.mjs [--uri mongodb://127.0.0.1:27017] [--docs 10000]
//        [--runs 3] [--seconds 5] [--concurrency 50] [--skip updateMany,...] [--json]
//
// It works on a throwaway database (bench_ferretdb_<time>), dropped at the end.
import mongoose from 'mongoose';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const uri = opt('uri', process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017');
const N = Number(opt('docs', 10000));
const RUNS = Number(opt('runs', 3));
const SECONDS = Number(opt('seconds', 5));
const CONCURRENCY = Number(opt('concurrency', 50));
const skip = new Set((opt('skip', '') || '').split(',').filter(Boolean));
const asJson = args.includes('--json');

const TYPES = ['EntryCreated', 'ResultPublished', 'ResultAmended', 'ResultWithdrawn', 'ShareCreated', 'ShareRead', 'ConsentGiven', 'StatementIssued'];
const VERSIONS = 10; // events per stream: N / 10 streams

function event(i, prefix = 'result') {
  const stream = Math.floor(i / VERSIONS);
  const version = (i % VERSIONS) + 1;
  const streamId = `${prefix}-${String(stream).padStart(6, '0')}`;
  return {
    _id: `${streamId}@${version}`,
    streamId,
    version,
    type: TYPES[i % TYPES.length],
    data: {
      candidateId: `C${String(10000000 + stream)}`,
      resultId: `r-${stream}`,
      qualification: 'Certificate in Advanced English',
      overallScore: 160 + (i % 40),
      grade: ['A', 'B', 'C'][i % 3],
      components: [
        { skill: 'Reading', score: 170 },
        { skill: 'Writing', score: 165 },
        { skill: 'Listening', score: 172 },
        { skill: 'Speaking', score: 168 },
      ],
    },
    metadata: { correlationId: `corr-${i}`, actor: 'bench' },
    occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 1000),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rnd = (n) => Math.floor(Math.random() * n);

async function timeEach(n, fn) {
  // mean milliseconds of n sequential calls
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return (performance.now() - t) / n;
}

async function fill(coll, count, prefix) {
  for (let i = 0; i < count; i += 1000) {
    const docs = [];
    for (let j = i; j < Math.min(i + 1000, count); j++) docs.push(event(j, prefix));
    await coll.insertMany(docs, { ordered: false });
  }
}

async function main() {
  const conn = await mongoose.createConnection(uri, { maxPoolSize: CONCURRENCY + 10, serverSelectionTimeoutMS: 5000 }).asPromise();
  const dbName = `bench_ferretdb_${Date.now().toString(36)}`;
  const db = conn.useDb(dbName, { useCache: false });
  const rows = [];
  const record = (name, unit, values) => {
    rows.push({ name, unit, median: median(values), runs: values });
    if (!asJson) console.error(`  ${name}: ${values.map((v) => v.toFixed(1)).join(', ')} ${unit}`);
  };
  try {
    const events = db.collection('events');
    let t = performance.now();
    await events.createIndex({ streamId: 1, version: 1 }, { unique: true });
    await fill(events, N, 'result');
    const loadMs = performance.now() - t;
    if (!asJson) console.error(`loaded ${N} documents in ${(loadMs / 1000).toFixed(1)} s (${uri}, db ${dbName})`);
    const streams = N / VERSIONS;

    const m = {};
    for (const k of ['insertMany', 'findOneId', 'findStream', 'updateOneId', 'findEqLimit', 'findIn50', 'deleteManyIn250', 'updateManyIn250', 'concurrent']) m[k] = [];

    for (let run = 0; run < RUNS; run++) {
      if (!skip.has('insertMany')) {
        const c = db.collection(`ins_${run}`);
        await c.createIndex({ streamId: 1, version: 1 }, { unique: true });
        const docs = Array.from({ length: 500 }, (_, i) => event(i, `ins${run}`));
        t = performance.now();
        await c.insertMany(docs);
        m.insertMany.push(performance.now() - t);
        await c.drop();
      }
      if (!skip.has('findOneId')) {
        m.findOneId.push(await timeEach(50, async () => {
          const d = await events.findOne({ _id: event(rnd(N))._id });
          if (!d) throw new Error('findOne by _id: not found');
        }));
      }
      if (!skip.has('findStream')) {
        m.findStream.push(await timeEach(20, async () => {
          const s = `result-${String(rnd(streams)).padStart(6, '0')}`;
          const d = await events.find({ streamId: s }).sort({ version: 1 }).toArray();
          if (d.length !== VERSIONS || d[0].version !== 1) throw new Error(`stream ${s}: ${d.length} events`);
        }));
      }
      if (!skip.has('updateOneId')) {
        m.updateOneId.push(await timeEach(20, async (i) => {
          const r = await events.updateOne({ _id: event(rnd(N))._id }, { $set: { published: true, touched: run * 100 + i } });
          if (r.matchedCount !== 1) throw new Error('updateOne by _id: no match');
        }));
      }
      if (!skip.has('findEqLimit')) {
        m.findEqLimit.push(await timeEach(10, async () => {
          const d = await events.find({ type: TYPES[rnd(TYPES.length)] }).limit(100).toArray();
          if (d.length !== 100) throw new Error(`find eq limit 100: ${d.length}`);
        }));
      }
      if (!skip.has('findIn50')) {
        m.findIn50.push(await timeEach(5, async () => {
          const ids = Array.from({ length: 50 }, () => event(rnd(N))._id);
          const d = await events.find({ _id: { $in: ids } }).toArray();
          if (d.length !== new Set(ids).size) throw new Error(`find $in 50: ${d.length}`);
        }));
      }
      if (!skip.has('deleteManyIn250')) {
        const small = db.collection(`small_${run}`);
        await fill(small, 1000, 'small');
        const ids = Array.from({ length: 250 }, (_, i) => event(i * 4, 'small')._id);
        t = performance.now();
        const r = await small.deleteMany({ _id: { $in: ids } });
        m.deleteManyIn250.push(performance.now() - t);
        if (r.deletedCount !== 250) throw new Error(`deleteMany $in 250: ${r.deletedCount}`);
        await small.drop();
      }
      if (!skip.has('updateManyIn250')) {
        const ids = Array.from({ length: 250 }, (_, i) => event((i * 37 + run) % N)._id);
        t = performance.now();
        const r = await events.updateMany({ _id: { $in: ids } }, { $set: { marked: run } });
        m.updateManyIn250.push(performance.now() - t);
        if (r.matchedCount !== 250) throw new Error(`updateMany $in 250: ${r.matchedCount}`);
      }
      if (!skip.has('concurrent')) {
        let ops = 0;
        const end = performance.now() + SECONDS * 1000;
        const start = performance.now();
        await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < end) {
            if (!(await events.findOne({ _id: event(rnd(N))._id }))) throw new Error('concurrent findOne: not found');
            ops++;
          }
        }));
        m.concurrent.push(ops / ((performance.now() - start) / 1000));
      }
    }

    const label = {
      insertMany: ['insertMany 500 docs (empty indexed collection)', 'ms'],
      findOneId: ['findOne by _id', 'ms'],
      findStream: ['find by streamId, sort version (10 docs)', 'ms'],
      updateOneId: ['updateOne by _id ($set)', 'ms'],
      findEqLimit: ['find {type: X} limit 100', 'ms'],
      findIn50: ['find _id $in 50 ids', 'ms'],
      deleteManyIn250: ['deleteMany _id $in 250 ids (1,000-doc collection)', 'ms'],
      updateManyIn250: ['updateMany _id $in 250 ids', 'ms'],
      concurrent: [`findOne by _id, ${CONCURRENCY} concurrent loops, ${SECONDS} s`, 'ops/s'],
    };
    for (const [k, v] of Object.entries(m)) if (v.length) record(...label[k], v);

    if (asJson) {
      console.log(JSON.stringify({ uri, docs: N, runs: RUNS, loadMs, rows }, null, 2));
    } else {
      console.log(`| operation (${N} docs, median of ${RUNS}) | median | runs |`);
      console.log('| --- | ---: | --- |');
      for (const r of rows) console.log(`| ${r.name} | ${r.median.toFixed(1)} ${r.unit} | ${r.runs.map((v) => v.toFixed(1)).join(' / ')} |`);
    }
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await conn.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
