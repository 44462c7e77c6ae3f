import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

/** A bare Fastify hello-world in its own process (as the gateway is), on loopback. */
async function startHello(): Promise<{ url: string; stop(): void }> {
  const child = fork(fileURLToPath(import.meta.url), ['--hello-server'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve(Number(m)));
    child.once('exit', (code) => reject(new Error(`hello server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => void child.kill('SIGTERM') };
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
  const hello = await startHello();
  const runs: LoadResult[] = [];
  try {
    await load('warm-up', hello.url, undefined, connections, 1);
    runs.push(await load('bare Fastify hello-world (baseline)', hello.url, undefined, connections, seconds));
    await load('warm-up', gatewayUrl, candidate.token, connections, 1);
    runs.push(await load('gateway GET /api/v1/me/results', gatewayUrl, candidate.token, connections, seconds));
    // Where the time goes: the same route on the results service itself (no gateway hop, one JWT check).
    runs.push(await load('results service GET /api/v1/me/results (no gateway)', `${sys.services.results}/api/v1/me/results`, candidate.token, connections, seconds));
    const ferret = (await ferretBaseline({ seq: 50, concurrency: connections, seconds })).reads;
    if (ferret) runs.push({ target: 'FerretDB findOne by _id (driver, no HTTP)', connections, seconds: round(ferret.elapsed), requests: ferret.latencies.length, errors: ferret.errors, rps: (ferret.latencies.length - ferret.errors) / ferret.elapsed, latency: stats(ferret.latencies) });
  } finally {
    hello.stop();
  }
  const [base, gw, service, ferret] = runs as [LoadResult, LoadResult, LoadResult, LoadResult | undefined];
  const ratio = gw.rps / base.rps;
  const met = ratio >= 0.5;
  table(`gateway throughput: ${connections} connections × ${seconds} s`, [
    ...runs.map((r) => ({ target: r.target, requests: r.requests, errors: r.errors, 'req/s': r.rps, 'p50 ms': r.latency.p50, 'p99 ms': r.latency.p99 })),
    { target: 'ratio gateway/results service', requests: '', errors: '', 'req/s': gw.rps / service.rps, 'p50 ms': gw.latency.p50 / service.latency.p50, 'p99 ms': gw.latency.p99 / service.latency.p99 },
    { target: 'ratio gateway/baseline', requests: '', errors: '', 'req/s': ratio, 'p50 ms': gw.latency.p50 / base.latency.p50, 'p99 ms': gw.latency.p99 / base.latency.p99 },
  ]);
  console.log(`target gateway ≥ 0.5× bare Fastify: ${met ? 'MET' : 'MISSED'} (${ratio.toFixed(3)}×: ${gw.rps.toFixed(0)} vs ${base.rps.toFixed(0)} req/s)`);
  const file = await writeResult('gateway-throughput', { connections, seconds, baseline: base, gateway: gw, resultsService: service, ferretFindOne: ferret, ratio, target: { minRatio: 0.5, met } });
  console.log(`wrote ${file}`);
  return { baseline: base, gateway: gw, ratio, met };
}

if (process.argv.includes('--hello-server')) {
  await helloServer();
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await withSettledSystem(runGatewayThroughput);
}
