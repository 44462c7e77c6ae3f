import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import jwt from 'jsonwebtoken';
import { MongoClient } from 'mongodb';
import { JwksCache, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER, type AccessClaims } from '#libs/auth';
import { ferretBaseline } from '../ferret.js';
import { envInt, round, stats, table, withSettledSystem, writeResult, type BenchSystem, type Candidate, type Stats } from '../harness.js';

interface LoadResult {
  target: string;
  connections: number;
  seconds: number;
  requests: number;
  errors: number;
  rps: number;
  latency: Stats;
}

/** `connections` keep-alive sockets, each sending GET `url` back to back for `seconds`. */
export async function load(target: string, url: string, token: string | undefined, connections: number, seconds: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const latencies: number[] = [];
  let errors = 0;
  const once = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = http.get(url, { agent, headers }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
  const start = performance.now();
  const end = start + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        const status = await once();
        if (status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const requests = latencies.length;
  return { target, connections, seconds: round(elapsed), requests, errors, rps: (requests - errors) / elapsed, latency: stats(latencies) };
}

/** A bare Fastify server in its own process (as the gateway is), on loopback: `--hello-server` or `--same-read-server`. */
async function startBare(mode: '--hello-server' | '--same-read-server', env: Record<string, string> = {}): Promise<{ url: string; stop(): void }> {
  const child = fork(fileURLToPath(import.meta.url), [mode], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...env } });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve(Number(m)));
    child.once('exit', (code) => reject(new Error(`${mode} exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => void child.kill('SIGTERM') };
}

/**
 * GET /api/v1/me/results without NestJS: the same JWT check as the services (identity's JWKS
 * through the same JwksCache, jsonwebtoken as passport-jwt uses it: ES256 only, iss, aud, exp;
 * the candidate role and its ID Number) and the same read from the same engine as the results
 * service's handler (results_view by idNumber, released, newest exam first).
 */
async function sameReadServer(): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const jwks = new JwksCache(() => process.env.JWKS_URL ?? '');
  const mongo = await MongoClient.connect(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017', { maxPoolSize: 50 });
  const view = mongo.db(process.env.RESULTS_DB).collection<{ _id: string; idNumber: string; releaseAt: string; examDate: string; [k: string]: unknown }>('results_view');
  const app = Fastify({ logger: false });
  app.get('/api/v1/me/results', async (req, reply) => {
    const raw = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const kid = raw ? (JSON.parse(Buffer.from(raw.split('.')[0] ?? '', 'base64url').toString()) as { kid?: string }).kid : undefined;
    const key = kid ? await jwks.get(kid) : null;
    let claims: AccessClaims;
    try {
      if (!raw || !key) throw new Error('no key');
      claims = jwt.verify(raw, key, { algorithms: [TOKEN_ALGORITHM], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE }) as AccessClaims;
    } catch {
      return reply.status(401).send({ statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' });
    }
    if (!claims.roles.includes('candidate') || !claims.idn) return reply.status(403).send({ statusCode: 403, error: 'Forbidden', message: 'Forbidden' });
    const docs = await view.find({ idNumber: claims.idn, releaseAt: { $lte: new Date().toISOString() } }, { sort: { examDate: -1 } }).toArray();
    return {
      items: docs.map((r) => ({
        resultId: r._id, qualification: r.qualification, cefrLevel: r.cefrLevel, overallScore: r.overallScore, grade: r.grade,
        components: r.components, examDate: r.examDate, releasedAt: r.releaseAt, restrictions: r.restrictions, verificationCode: r.verificationCode,
      })),
    };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.send?.(typeof address === 'object' && address ? address.port : 0);
}

/** The results service's database in this system (named after its namespace, whatever the exact scheme). */
async function resultsDatabase(namespace: string): Promise<string> {
  const mongo = await MongoClient.connect(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017');
  try {
    const { databases } = await mongo.db('admin').admin().listDatabases({ nameOnly: true });
    const names = databases.map((d) => d.name).filter((n) => n.includes(namespace) && n.includes('results'));
    if (names.length !== 1) throw new Error(`expected one results database for ${namespace}, found [${names.join(', ')}]`);
    return names[0];
  } finally {
    await mongo.close();
  }
}

async function helloServer(): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.send?.(typeof address === 'object' && address ? address.port : 0);
}

export async function runGatewayThroughput(sys: BenchSystem, candidate: Candidate) {
  const connections = envInt('THROUGHPUT_CONNECTIONS', 50);
  const seconds = envInt('THROUGHPUT_SECONDS', 10);
  const gatewayUrl = `${sys.url}/api/v1/me/results`;
  const probe = await fetch(gatewayUrl, { headers: { authorization: `Bearer ${candidate.token}` } });
  if (probe.status !== 200) throw new Error(`GET /api/v1/me/results → ${probe.status} (is GATEWAY_RATE_LIMIT set?)`);
  const resultsDb = await resultsDatabase(sys.namespace);
  const hello = await startBare('--hello-server');
  const sameRead = await startBare('--same-read-server', { JWKS_URL: `${sys.services.identity}/.well-known/jwks.json`, RESULTS_DB: resultsDb }).catch((error: unknown) => {
    hello.stop();
    throw error;
  });
  const sameReadUrl = `${sameRead.url}api/v1/me/results`;
  const runs: LoadResult[] = [];
  try {
    // The baseline must answer what the gateway answers.
    const [bare, viaGateway] = await Promise.all([sameReadUrl, gatewayUrl].map(async (url) => {
      const r = await fetch(url, { headers: { authorization: `Bearer ${candidate.token}` } });
      return `${r.status} ${JSON.stringify(await r.json())}`;
    }));
    if (bare !== viaGateway) throw new Error(`the same-read baseline answers ${bare}, the gateway ${viaGateway}`);
    await load('warm-up', sameReadUrl, candidate.token, connections, 1);
    runs.push(await load('bare Fastify: same JWT check + same read (baseline)', sameReadUrl, candidate.token, connections, seconds));
    await load('warm-up', hello.url, undefined, connections, 1);
    runs.push(await load('bare Fastify hello-world', hello.url, undefined, connections, seconds));
    await load('warm-up', gatewayUrl, candidate.token, connections, 1);
    runs.push(await load('gateway GET /api/v1/me/results', gatewayUrl, candidate.token, connections, seconds));
    // Where the time goes: the same route on the results service itself (no gateway hop, one JWT check).
    runs.push(await load('results service GET /api/v1/me/results (no gateway)', `${sys.services.results}/api/v1/me/results`, candidate.token, connections, seconds));
    const ferret = (await ferretBaseline({ seq: 50, concurrency: connections, seconds })).reads;
    if (ferret) runs.push({ target: 'FerretDB findOne by _id (driver, no HTTP)', connections, seconds: round(ferret.elapsed), requests: ferret.latencies.length, errors: ferret.errors, rps: (ferret.latencies.length - ferret.errors) / ferret.elapsed, latency: stats(ferret.latencies) });
  } finally {
    hello.stop();
    sameRead.stop();
  }
  const [base, helloRun, gw, service, ferret] = runs as [LoadResult, LoadResult, LoadResult, LoadResult, LoadResult | undefined];
  const ratio = gw.rps / base.rps;
  const met = ratio >= 0.5;
  table(`gateway throughput: ${connections} connections × ${seconds} s`, [
    ...runs.map((r) => ({ target: r.target, requests: r.requests, errors: r.errors, 'req/s': r.rps, 'p50 ms': r.latency.p50, 'p99 ms': r.latency.p99 })),
    { target: 'ratio gateway/results service', requests: '', errors: '', 'req/s': gw.rps / service.rps, 'p50 ms': gw.latency.p50 / service.latency.p50, 'p99 ms': gw.latency.p99 / service.latency.p99 },
    { target: 'ratio gateway/hello-world', requests: '', errors: '', 'req/s': gw.rps / helloRun.rps, 'p50 ms': gw.latency.p50 / helloRun.latency.p50, 'p99 ms': gw.latency.p99 / helloRun.latency.p99 },
    { target: 'ratio gateway/baseline (same check + read)', requests: '', errors: '', 'req/s': ratio, 'p50 ms': gw.latency.p50 / base.latency.p50, 'p99 ms': gw.latency.p99 / base.latency.p99 },
  ]);
  console.log(`target gateway ≥ 0.5× bare Fastify doing the same JWT check and read: ${met ? 'MET' : 'MISSED'} (${ratio.toFixed(3)}×: ${gw.rps.toFixed(0)} vs ${base.rps.toFixed(0)} req/s)`);
  const file = await writeResult('gateway-throughput', { connections, seconds, baseline: base, helloWorld: helloRun, gateway: gw, resultsService: service, ferretFindOne: ferret, ratio, target: { minRatio: 0.5, met } });
  console.log(`wrote ${file}`);
  return { baseline: base, gateway: gw, ratio, met };
}

if (process.argv.includes('--hello-server')) {
  await helloServer();
} else if (process.argv.includes('--same-read-server')) {
  await sameReadServer();
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await withSettledSystem(runGatewayThroughput);
}
