import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectEventually } from '#libs/testing';
import { startDistributed } from '../launcher/distributed.js';

/** The distributed system under test (each service its own process, on the real engines). */
export interface BenchSystem {
  url: string;
  namespace: string;
  opensearchUrl: string;
  /** The directory's OpenSearch index (OPENSEARCH_INDEX = directory-<namespace>). */
  directoryIndexUrl: string;
  admin: string;
  stop(): Promise<void>;
}

export interface Candidate {
  token: string;
  resultIds: string[];
}

export interface Stats {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export const envInt = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
};

export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : 0;
  return { count: s.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: s.at(-1) ?? 0, mean };
}

export const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Prints rows as an aligned table. */
export function table(title: string, rows: Record<string, string | number>[]): void {
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string | number | undefined): string => (typeof v === 'number' ? String(round(v)) : (v ?? ''));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]): string => vals.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ');
  console.log(`\n== ${title}\n${line(cols)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows) console.log(line(cols.map((c) => cell(r[c]))));
}

export async function writeResult(name: string, data: unknown): Promise<string> {
  const dir = new URL('../../bench/results/', import.meta.url).pathname;
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  await writeFile(file, `${JSON.stringify({ name, at: new Date().toISOString(), ...(data as object) }, null, 2)}\n`);
  return file;
}

/** One keep-alive HTTP/1.1 client (the measured path: no fetch/undici overhead in the numbers). */
export class HttpClient {
  readonly agent: http.Agent;
  constructor(readonly base: string, maxSockets = 1) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }
  send(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: string }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) });
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.base}${path}`, { method, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }
  async json<T>(method: string, path: string, token?: string, body?: unknown, expect?: number): Promise<T> {
    const r = await this.send(method, path, token, body);
    if (expect !== undefined ? r.status !== expect : r.status >= 400) throw new Error(`${method} ${path} → ${r.status} ${r.body.slice(0, 300)}`);
    return (r.body ? JSON.parse(r.body) : undefined) as T;
  }
  close(): void {
    this.agent.destroy();
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function freeBlock(size: number): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    if ((await Promise.all(Array.from({ length: size }, (_, i) => isFree(base + i)))).every(Boolean)) return base;
  }
}

const ADMIN = { email: 'operator@results.test', password: 'operator-password-123' };

/** Starts the distributed system on a fresh namespace with the gateway's rate limit lifted. */
export async function startBenchSystem(seed: 'full' | 'none' = 'full'): Promise<BenchSystem> {
  process.env.GATEWAY_RATE_LIMIT ??= '100000000';
  const namespace = `bench${Date.now().toString(36)}`;
  const opensearchUrl = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200';
  const base = await freeBlock(5);
  const started = Date.now();
  const system = await startDistributed({
    port: base + 4,
    servicePortBase: base,
    dataDir: await mkdtemp(join(tmpdir(), 'bench-')),
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn',
    seed,
    namespace,
    opensearchUrl,
  });
  const api = new HttpClient(system.url);
  const admin = await expectEventually(() => api.json<{ accessToken: string }>('POST', '/api/v1/auth/login', undefined, ADMIN, 200), { timeoutMs: 30_000, intervalMs: 250 });
  api.close();
  console.error(`[bench] distributed system up in ${((Date.now() - started) / 1000).toFixed(1)} s at ${system.url} (namespace ${namespace})`);
  return { url: system.url, namespace, opensearchUrl, directoryIndexUrl: `${opensearchUrl}/directory-${namespace}`, admin: admin.accessToken, stop: () => system.stop() };
}

/** An exam entry with `results` published results, a registered candidate and its token. */
export async function newCandidate(sys: BenchSystem, results = 1): Promise<Candidate> {
  const api = new HttpClient(sys.url);
  try {
    const tag = Math.random().toString(36).slice(2, 8);
    const entry = await api.json<{ idNumber: string; secretNumber: string }>('POST', '/api/v1/admin/entries', sys.admin, { name: `Bench ${tag}`, dateOfBirth: '2001-04-02', exam: 'C1 Advanced', centre: 'JP001 Tokyo' }, 201);
    for (let i = 0; i < results; i++) {
      await api.json('POST', '/api/v1/admin/results', sys.admin, { idNumber: entry.idNumber, qualification: 'Certificate in Advanced English', cefrLevel: 'Council of Europe Level B2', overallScore: 160 + i, grade: 'C', components: [{ skill: 'Reading', score: 170 }, { skill: 'Writing', score: 165 }], examDate: '2026-06-14' }, 201);
    }
    const password = 'a long candidate password';
    const registration = { idNumber: entry.idNumber, secretNumber: entry.secretNumber, email: `bench-${tag}@mail.example`, password };
    await expectEventually(() => api.json('POST', '/api/v1/candidates', undefined, registration, 201), { timeoutMs: 60_000, intervalMs: 200 });
    const { accessToken } = await api.json<{ accessToken: string }>('POST', '/api/v1/auth/login', undefined, { idNumber: entry.idNumber, password }, 200);
    const mine = await expectEventually(async () => {
      const r = await api.json<{ items: { resultId: string }[] }>('GET', '/api/v1/me/results', accessToken);
      if (r.items.length !== results) throw new Error(`${r.items.length} of ${results} results visible`);
      return r.items;
    }, { timeoutMs: 60_000, intervalMs: 200 });
    return { token: accessToken, resultIds: mine.map((r) => r.resultId) };
  } finally {
    api.close();
  }
}

/** An organisation with `departments` recipient accounts; returns their recipient ids. */
export async function newOrganisation(sys: BenchSystem, departments: number): Promise<{ name: string; recipientIds: string[] }> {
  const api = new HttpClient(sys.url);
  const tag = Math.random().toString(36).slice(2, 8);
  const name = `Benchmark Institute ${tag}`;
  const accounts = Array.from({ length: departments }, (_, i) => ({ department: `Department ${i + 1}` }));
  const r = await api.json<{ recipients: { recipientId: string }[] }>('POST', '/api/v1/admin/organisations', sys.admin, { name, kind: 'education', country: 'Japan', website: `https://bench-${tag}.example.ac.jp`, email: `office-${tag}@bench.example`, accounts }, 201);
  api.close();
  return { name, recipientIds: r.recipients.map((x) => x.recipientId) };
}

/**
 * Waits until the seeded universities answer through the gateway ("Waseda") and a freshly added
 * organisation is searchable and shareable (the 10k-university backlog has gone through Kafka).
 */
export async function settle(sys: BenchSystem, candidate: Candidate): Promise<void> {
  const api = new HttpClient(sys.url);
  const started = Date.now();
  const search = (q: string) => api.json<{ items: { organisationName: string; recipientId: string }[] }>('GET', `/api/v1/directory/search?q=${encodeURIComponent(q)}&limit=10`, candidate.token);
  await expectEventually(async () => {
    if (!(await search('Waseda')).items.some((i) => /Waseda/.test(i.organisationName))) throw new Error('Waseda not yet searchable');
  }, { timeoutMs: 300_000, intervalMs: 500 });
  const org = await newOrganisation(sys, 1);
  const [recipientId] = org.recipientIds;
  await expectEventually(async () => {
    if (!(await search(org.name)).items.some((i) => i.recipientId === recipientId)) throw new Error('new organisation not yet searchable');
  }, { timeoutMs: 300_000, intervalMs: 250 });
  await expectEventually(() => api.json('POST', '/api/v1/me/shares', candidate.token, { resultId: candidate.resultIds[0], recipientId, consent: true }, 201), { timeoutMs: 300_000, intervalMs: 250 });
  api.close();
  console.error(`[bench] system settled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Runs `fn` against a freshly started, settled system (for a benchmark run on its own). */
export async function withSettledSystem<T>(fn: (sys: BenchSystem, candidate: Candidate) => Promise<T>): Promise<T> {
  const sys = await startBenchSystem((process.env.BENCH_SEED as 'full' | 'none' | undefined) ?? 'full');
  try {
    const candidate = await newCandidate(sys, 1);
    await settle(sys, candidate);
    return await fn(sys, candidate);
  } finally {
    await sys.stop();
  }
}
