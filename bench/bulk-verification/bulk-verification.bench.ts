import { pathToFileURL } from 'node:url';
import { MongoClient } from 'mongodb';
import { envInt, HttpClient, newOrganisation, organisationToken, round, stats, table, withSettledSystem, writeResult, type BenchSystem, type Stats } from '../harness.js';

/** A statement to check, as an organisation's spreadsheet would list it. */
interface Item {
  code: string;
  dateOfBirth: string;
}

interface Run {
  target: string;
  samples: number[];
  stats: Stats;
}

/** The results service's database in this system (named after its namespace). */
async function resultsDatabase(mongo: MongoClient, namespace: string): Promise<string> {
  const { databases } = await mongo.db('admin').admin().listDatabases({ nameOnly: true });
  const names = databases.map((d) => d.name).filter((n) => n.includes(namespace) && n.includes('results'));
  if (names.length !== 1) throw new Error(`expected one results database for ${namespace}, found [${names.join(', ')}]`);
  return names[0] ?? '';
}

/** `count` published results over entries of `perEntry` each, through the admin API (as the exam centre would), `concurrency` at a time. */
async function publish(sys: BenchSystem, count: number, perEntry: number, concurrency: number): Promise<string[]> {
  const api = new HttpClient(sys.url, concurrency);
  const idNumbers: string[] = [];
  try {
    const entries = Math.ceil(count / perEntry);
    for (let e = 0; e < entries; e++) {
      const dateOfBirth = `19${70 + (e % 30)}-0${1 + (e % 9)}-1${e % 10}`;
      const entry = await api.json<{ idNumber: string }>('POST', '/api/v1/admin/entries', sys.admin, { name: `Bulk ${e}`, dateOfBirth, exam: 'C1 Advanced', centre: 'JP001 Tokyo' }, 201);
      idNumbers.push(entry.idNumber);
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < count; i = next++) {
        const idNumber = idNumbers[Math.floor(i / perEntry)] ?? '';
        const body = { idNumber, qualification: 'Certificate in Advanced English', cefrLevel: 'B2', overallScore: 140 + (i % 60), grade: 'C', components: [{ skill: 'Reading', score: 150 + (i % 50) }], examDate: '2026-06-14' };
        await api.json('POST', '/api/v1/admin/results', sys.admin, body, 201);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    api.close();
  }
  return idNumbers;
}

async function time(target: string, rounds: number, once: () => Promise<void>): Promise<Run> {
  await once(); // warm-up: connections, JIT, the engine's caches
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await once();
    samples.push(performance.now() - t);
  }
  return { target, samples: samples.map((s) => round(s)), stats: stats(samples) };
}

/**
 * Bulk verification of BULK_ITEMS (2,000) statements through the gateway in distributed mode,
 * BULK_ROUNDS (5) times after a warm-up, against the engine's own query for the same codes (the
 * same `$in` on results_view with the plain driver) and the same route on the results service
 * without the gateway. Target: the gateway's median under 2 s.
 */
export async function runBulkVerification(sys: BenchSystem) {
  const count = envInt('BULK_ITEMS', 2000);
  const rounds = envInt('BULK_ROUNDS', 5);
  const mongo = await MongoClient.connect(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017');
  try {
    const started = Date.now();
    const idNumbers = await publish(sys, count, 50, 8);
    const view = mongo.db(await resultsDatabase(mongo, sys.namespace)).collection<{ idNumber: string; verificationCode: string; candidate: { dateOfBirth: string } }>('results_view');
    let docs: { verificationCode: string; candidate: { dateOfBirth: string } }[] = [];
    for (const deadline = Date.now() + 120_000; docs.length < count && Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
      docs = await view.find({ idNumber: { $in: idNumbers } }, { projection: { verificationCode: 1, candidate: 1 } }).toArray();
    }
    if (docs.length < count) throw new Error(`only ${docs.length} of ${count} results reached results_view`);
    const collectionSize = await view.countDocuments();
    console.error(`[bench] ${count} results published and projected in ${((Date.now() - started) / 1000).toFixed(1)} s (results_view holds ${collectionSize})`);
    const items: Item[] = docs.map((d) => ({ code: d.verificationCode, dateOfBirth: d.candidate.dateOfBirth }));
    const codes = items.map((i) => i.code);

    const org = await newOrganisation(sys, 1);
    const client = new HttpClient(sys.url);
    const token = await organisationToken(client, sys.mailDir, org.email, Date.now() + 120_000);
    client.close();
    const gateway = new HttpClient(sys.url);
    const direct = new HttpClient(sys.services.results);
    const verify = (api: HttpClient) => async (): Promise<void> => {
      const r = await api.send('POST', '/api/v1/institution/verifications', token, { items });
      if (r.status !== 200) throw new Error(`bulk verification → ${r.status} ${r.body.slice(0, 300)}`);
      const answers = (JSON.parse(r.body) as { items: { status: string }[] }).items;
      if (answers.length !== count || answers.some((a) => a.status !== 'genuine')) throw new Error('bulk verification: not every statement genuine');
    };
    const now = new Date().toISOString();
    const runs: Run[] = [];
    try {
      runs.push(await time(`engine: one $in query for the ${count} codes (driver, baseline)`, rounds, async () => {
        const found = await view.find({ verificationCode: { $in: codes }, releaseAt: { $lte: now } }).toArray();
        if (found.length !== count) throw new Error(`the engine found ${found.length} of ${count}`);
      }));
      runs.push(await time(`gateway POST /api/v1/institution/verifications (${count} items)`, rounds, verify(gateway)));
      runs.push(await time('results service, same request (no gateway)', rounds, verify(direct)));
    } finally {
      gateway.close();
      direct.close();
    }
    const [engine, viaGateway, service] = runs as [Run, Run, Run];
    const met = viaGateway.stats.p50 < 2000;
    table(`bulk verification: ${count} statements, ${rounds} rounds after a warm-up (results_view: ${collectionSize} documents)`, [
      ...runs.map((r) => ({ target: r.target, 'median ms': r.stats.p50, 'min ms': Math.min(...r.samples), 'max ms': r.stats.max, 'ratio to engine (median)': r.stats.p50 / engine.stats.p50 })),
    ]);
    console.log(`target bulk verification of ${count} codes through the gateway < 2 s: ${met ? 'MET' : 'MISSED'} (median ${viaGateway.stats.p50.toFixed(0)} ms; the engine's own query ${engine.stats.p50.toFixed(0)} ms, ${(viaGateway.stats.p50 / engine.stats.p50).toFixed(2)}×)`);
    const file = await writeResult('bulk-verification', { count, rounds, collectionSize, engine, gateway: viaGateway, service, target: { maxMedianMs: 2000, met } });
    console.log(`wrote ${file}`);
    return { engine: engine.stats, gateway: viaGateway.stats, service: service.stats, met };
  } finally {
    await mongo.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await withSettledSystem(runBulkVerification);
}
