import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { expectEventually } from '#libs/testing';
import { startDistributed } from '../launcher/distributed.js';

import { HttpClient } from './http-client.js';

export * from './http-client.js';
export * from './report.js';

/** The distributed system under test (each service its own process, on the real engines). */
export interface BenchSystem {
  url: string;
  namespace: string;
  opensearchUrl: string;
  /** The directory's OpenSearch index (OPENSEARCH_INDEX = directory-<namespace>). */
  directoryIndexUrl: string;
  admin: string;
  /** Each service's own HTTP address (behind the gateway). */
  services: Record<'identity' | 'results' | 'directory' | 'sharing', string>;
  stop(): Promise<void>;
}

export interface Candidate {
  token: string;
  resultIds: string[];
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

const SERVICE_GROUPS = ['identity', 'results', 'directory', 'sharing'];

/**
 * The services' Kafka consumer groups and topics are not namespaced: a second distributed system
 * on the same broker (an e2e run, another benchmark) splits the partitions with ours and takes our
 * events. Waits (up to BENCH_WAIT_IDLE_S, default 300 s) until no other member is in those groups.
 */
export async function waitForIdleKafkaGroups(): Promise<void> {
  const admin = new Kafka({ clientId: 'bench-preflight', brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const deadline = Date.now() + Number(process.env.BENCH_WAIT_IDLE_S ?? 300) * 1000;
    for (let warned = false; ; warned = true) {
      const { groups } = await admin.describeGroups(SERVICE_GROUPS);
      const busy = groups.filter((g) => g.members.length > 0).map((g) => `${g.groupId} (${g.members.length})`);
      if (busy.length === 0) return;
      if (Date.now() > deadline) return console.error(`[bench] WARNING: measuring while other systems share the consumer groups ${busy.join(', ')}`);
      if (!warned) console.error(`[bench] another distributed system is consuming as ${busy.join(', ')}: waiting for it to stop`);
      await sleep(2_000);
    }
  } finally {
    await admin.disconnect();
  }
}

/** Starts the distributed system on a fresh namespace with the gateway's rate limit lifted. */
export async function startBenchSystem(seed: 'full' | 'none' = 'full'): Promise<BenchSystem> {
  process.env.GATEWAY_RATE_LIMIT ??= '100000000';
  process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
  await waitForIdleKafkaGroups();
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
  const svc = (i: number): string => `http://127.0.0.1:${base + i}`;
  const onSignal = (): void => void system.stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  console.error(`[bench] distributed system up in ${((Date.now() - started) / 1000).toFixed(1)} s at ${system.url} (namespace ${namespace})`);
  return { url: system.url, namespace, opensearchUrl, directoryIndexUrl: `${opensearchUrl}/directory-${namespace}`, admin: admin.accessToken, services: { identity: svc(0), results: svc(1), directory: svc(2), sharing: svc(3) }, stop: () => system.stop() };
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
  // A fresh organisation each 30 s: an event taken by a foreign member of our consumer group is lost to us.
  await expectEventually(async () => {
    const org = await newOrganisation(sys, 1);
    const [recipientId] = org.recipientIds;
    await expectEventually(async () => {
      if (!(await search(org.name)).items.some((i) => i.recipientId === recipientId)) throw new Error('new organisation not yet searchable');
      await api.json('POST', '/api/v1/me/shares', candidate.token, { resultId: candidate.resultIds[0], recipientId, consent: true }, 201);
    }, { timeoutMs: 30_000, intervalMs: 250 });
  }, { timeoutMs: 300_000, intervalMs: 0 });
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
