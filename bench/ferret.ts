import { MongoClient } from 'mongodb';
import { closedLoop } from './report.js';

/**
 * The document store the services use (FerretDB here), measured with the plain driver on a
 * throwaway database: `seq` sequential insertOne + findOne pairs, then `seconds` of findOne by
 * key at `concurrency`. A floor for any route that reads or writes a document.
 */
export async function ferretBaseline(opts: { seq?: number; concurrency?: number; seconds?: number } = {}) {
  const client = await MongoClient.connect(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017', { maxPoolSize: opts.concurrency ?? 10 });
  const db = client.db(`bench-ferret-${Date.now().toString(36)}`);
  const col = db.collection<{ _id: string; n: number; body: string }>('docs');
  try {
    const writeRead: number[] = [];
    for (let i = 0; i < (opts.seq ?? 50); i++) {
      const t = performance.now();
      await col.insertOne({ _id: `d${i}`, n: i, body: 'x'.repeat(500) });
      await col.findOne({ _id: `d${i}` });
      writeRead.push(performance.now() - t);
    }
    const reads = opts.seconds ? await closedLoop(async () => (await col.findOne({ _id: `d${Math.floor(Math.random() * 50)}` })) !== null, opts.concurrency ?? 50, opts.seconds) : null;
    return { writeRead, reads };
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
}
