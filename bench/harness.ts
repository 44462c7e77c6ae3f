import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findMailToken } from '#libs/testing';
import { startDistributed, type DistributedSystem } from '../launcher/distributed.js';
import { MAX_ATTEMPTS_PER_ACCOUNT, MAX_RESET_REQUESTS, poll, POLL_INTERVAL_MS, PollTimeout } from '../tests/e2e/poll.js';
import { HttpClient } from './http-client.js';

export * from './http-client.js';
export * from './report.js';

/** Where a system keeps its data: a system started on it again is a restart "on existing data". */
export interface BenchData {
  namespace: string;
  dataDir: string;
}

/** The distributed system under test (each service its own process, on the real engines). */
export interface BenchSystem {
  url: string;
  namespace: string;
  data: BenchData;
  mailDir: string;
  opensearchUrl: string;
  /** The directory's OpenSearch index (OPENSEARCH_INDEX = directory-<namespace>). */
  directoryIndexUrl: string;
  admin: string;
  /** Each service's own HTTP address (behind the gateway). */
  services: Record<'identity' | 'results' | 'directory' | 'sharing', string>;
  /** From spawning the processes to the gateway's first /health 200. */
  startMs: number;
  /** When the gateway's /health first answered 200. */
  healthyAt: number;
  processes: DistributedSystem['processes'];
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

/**
 * Free consecutive ports, and the same block 1000 above them (the services' internal listeners),
 * below Linux's ephemeral range (32768+), where outgoing connections cannot take them meanwhile.
 */
export async function freeBlock(size: number): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * (11_000 - size));
    const ports = Array.from({ length: size }, (_, i) => [base + i, base + 1000 + i]).flat();
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return base;
  }
}

export const ADMIN = { email: 'operator@results.test', password: 'operator-password-123' };

export const kafkaBrokers = (): string[] => (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

/** A namespace of its own per run (NAMESPACE: 1-40 of [A-Za-z0-9_-]): topics, groups, databases, index. */
export const freshNamespace = (prefix = 'bench'): string => `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

/** The gateway's limits lifted for measuring (GATEWAY_RATE_LIMIT, GATEWAY_GUESS_LIMIT: per address and minute). */
export function liftGatewayLimits(): void {
  process.env.GATEWAY_RATE_LIMIT ??= '100000000';
  process.env.GATEWAY_GUESS_LIMIT ??= '100000000';
  process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
}

/** A fresh namespace and data directory: a system's first boot. */
export const newBenchData = async (): Promise<BenchData> => ({ namespace: freshNamespace(), dataDir: await mkdtemp(join(tmpdir(), 'bench-')) });

/**
 * Starts the distributed system with the gateway's limits lifted: on a fresh namespace, or `on`
 * the data an earlier system left (a restart; or its first boot, when nothing used it yet).
 * Resolves at the gateway's first /health 200 plus the operator's log-in.
 */
export async function startBenchSystem(seed: 'full' | 'none' = 'full', on?: BenchData): Promise<BenchSystem> {
  liftGatewayLimits();
  const data = on ?? (await newBenchData());
  const { namespace } = data;
  const opensearchUrl = process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200';
  const base = await freeBlock(5);
  const started = Date.now();
  const system = await startDistributed({
    port: base + 4,
    servicePortBase: base,
    dataDir: data.dataDir,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn',
    seed,
    namespace,
    opensearchUrl,
  });
  const healthyAt = Date.now();
  const api = new HttpClient(system.url);
  const admin = await adminToken(api, healthyAt + 60_000).finally(() => api.close());
  const svc = (i: number): string => `http://127.0.0.1:${base + i}`;
  const onSignal = (): void => void system.stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  console.error(`[bench] distributed system up in ${((healthyAt - started) / 1000).toFixed(1)} s at ${system.url} (namespace ${namespace})`);
  return {
    url: system.url,
    namespace,
    data,
    mailDir: system.mailDir,
    opensearchUrl,
    directoryIndexUrl: `${opensearchUrl}/directory-${namespace}`,
    admin,
    services: { identity: svc(0), results: svc(1), directory: svc(2), sharing: svc(3) },
    startMs: healthyAt - started,
    healthyAt,
    processes: system.processes,
    stop: async () => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      await system.stop();
    },
  };
}

/** The operator's token: log-in answers 401 until identity has made the operator (at most 8 tries). */
export function adminToken(api: HttpClient, deadline: number): Promise<string> {
  return poll(() => api.call('POST', '/api/v1/auth/login', undefined, ADMIN), {
    what: 'operator log-in',
    deadline,
    retryOn: [401],
    maxAttempts: MAX_ATTEMPTS_PER_ACCOUNT,
    accept: (a) => (a.body as { accessToken?: string }).accessToken,
  });
}

const entryBody = (tag: string) => ({ name: `Bench ${tag}`, dateOfBirth: '2001-04-02', exam: 'C1 Advanced', centre: 'JP001 Tokyo' });
const resultBody = (idNumber: string, i: number) => ({
  idNumber,
  qualification: 'Certificate in Advanced English',
  cefrLevel: 'Council of Europe Level B2',
  overallScore: 160 + i,
  grade: 'C',
  components: [{ skill: 'Reading', score: 170 }, { skill: 'Writing', score: 165 }],
  examDate: '2026-06-14',
});

/**
 * An exam entry with `results` published results, its candidate registered and logged in. The
 * registration is polled at 4 a second; identity allows 10 attempts per ID Number in 15 minutes,
 * so after MAX_ATTEMPTS_PER_ACCOUNT a fresh entry takes over (the gateway's per-address limit is
 * lifted for the bench system and kept for others). `deadline` bounds the whole wait.
 */
export async function newCandidate(
  sys: { url: string; admin: string },
  results = 1,
  deadline = Date.now() + 300_000,
  client?: HttpClient,
): Promise<Candidate & { registeredAt: number }> {
  const api = client ?? new HttpClient(sys.url);
  try {
    for (let round = 1; ; round++) {
      const tag = Math.random().toString(36).slice(2, 8);
      const entry = await api.json<{ idNumber: string; secretNumber: string }>('POST', '/api/v1/admin/entries', sys.admin, entryBody(tag), 201);
      for (let i = 0; i < results; i++) await api.json('POST', '/api/v1/admin/results', sys.admin, resultBody(entry.idNumber, i), 201);
      const password = 'a long candidate password';
      const registration = { idNumber: entry.idNumber, secretNumber: entry.secretNumber, email: `bench-${tag}@mail.example`, password };
      try {
        await poll(() => api.call('POST', '/api/v1/candidates', undefined, registration), {
          what: `registration of ${entry.idNumber}`,
          deadline,
          retryOn: [400],
          maxAttempts: MAX_ATTEMPTS_PER_ACCOUNT,
          intervalMs: POLL_INTERVAL_MS,
          accept: (a) => (a.status === 201 ? true : undefined),
        });
      } catch (error) {
        if (error instanceof PollTimeout && Date.now() < deadline) continue;
        throw error;
      }
      const registeredAt = Date.now();
      const { accessToken } = await api.json<{ accessToken: string }>('POST', '/api/v1/auth/login', undefined, { idNumber: entry.idNumber, password }, 200);
      const mine = await poll(() => api.call('GET', '/api/v1/me/results', accessToken), {
        what: 'the results in GET /me/results',
        deadline: Math.max(deadline, Date.now() + 5_000),
        accept: (a) => {
          const items = (a.body as { items: { resultId: string }[] }).items;
          return items.length === results ? items : undefined;
        },
      });
      if (round > 1) console.error(`[bench] candidate registered on entry ${round} (each entry allows ${MAX_ATTEMPTS_PER_ACCOUNT} attempts)`);
      return { token: accessToken, resultIds: mine.map((r) => r.resultId), registeredAt };
    }
  } finally {
    if (!client) api.close();
  }
}

/** An organisation with `departments` recipient accounts (and an e-mail: its first user); returns their ids. */
export async function newOrganisation(
  sys: { url: string; admin: string },
  departments: number,
  client?: HttpClient,
): Promise<{ name: string; email: string; recipientIds: string[] }> {
  const api = client ?? new HttpClient(sys.url);
  const tag = Math.random().toString(36).slice(2, 8);
  const name = `Benchmark Institute ${tag}`;
  const email = `office-${tag}@bench.example`;
  const accounts = Array.from({ length: departments }, (_, i) => ({ department: `Department ${i + 1}` }));
  const r = await api.json<{ recipients: { recipientId: string }[] }>('POST', '/api/v1/admin/organisations', sys.admin, { name, kind: 'education', country: 'Japan', website: `https://bench-${tag}.example.ac.jp`, email, accounts }, 201).finally(() => {
    if (!client) api.close();
  });
  return { name, email, recipientIds: r.recipients.map((x) => x.recipientId) };
}

/**
 * The organisation's first user sets a password through the reset mail and logs in. A reset asked
 * before the organisation reached identity mails nothing: asked again, at most MAX_RESET_REQUESTS times.
 */
export async function organisationToken(api: HttpClient, mailDir: string, email: string, deadline: number): Promise<string> {
  for (let request = 1; ; request++) {
    await api.json('POST', '/api/v1/auth/password-reset', undefined, { email }, 202);
    const last = request >= MAX_RESET_REQUESTS;
    const until = last ? deadline : Math.min(deadline, Date.now() + 500 * 2 ** request);
    let token = await findMailToken(mailDir, email, '/reset-password');
    while (!token && Date.now() < until) {
      await sleep(50);
      token = await findMailToken(mailDir, email, '/reset-password');
    }
    if (token) {
      const password = 'organisation bench password';
      await api.json('POST', '/api/v1/auth/password-reset/confirm', undefined, { token, newPassword: password }, 204);
      return (await api.json<{ accessToken: string }>('POST', '/api/v1/auth/login', undefined, { email, password }, 200)).accessToken;
    }
    if (last || Date.now() >= deadline) throw new PollTimeout(`no reset mail for ${email} after ${request} requests`);
  }
}

/**
 * Waits until the seeded universities answer through the gateway ("Waseda") and a freshly added
 * organisation is searchable and sendable, polling at 4 a second (BENCH_SETTLE_TIMEOUT_S, default 300).
 */
export async function settle(sys: BenchSystem, candidate: Candidate): Promise<void> {
  const api = new HttpClient(sys.url);
  const started = Date.now();
  const deadline = started + Number(process.env.BENCH_SETTLE_TIMEOUT_S ?? 300) * 1000;
  const search = (q: string) => api.call('GET', `/api/v1/directory/search?q=${encodeURIComponent(q)}&limit=10`, candidate.token);
  try {
    if ((process.env.BENCH_SEED ?? 'full') === 'full') {
      await poll(() => search('Waseda'), {
        what: 'Waseda in search',
        deadline,
        accept: (a) => ((a.body as { items: { organisationName: string }[] }).items.some((i) => /Waseda/.test(i.organisationName)) ? true : undefined),
      });
    }
    const org = await newOrganisation(sys, 1);
    const [recipientId] = org.recipientIds;
    await poll(() => search(org.name), {
      what: 'a new organisation in search',
      deadline,
      accept: (a) => ((a.body as { items: { recipientId: string }[] }).items.some((i) => i.recipientId === recipientId) ? true : undefined),
    });
    await poll(() => api.call('POST', '/api/v1/me/shares', candidate.token, { resultId: candidate.resultIds[0], recipientId, consent: true }), {
      what: 'a share to a new organisation',
      deadline,
      retryOn: [404],
      accept: (a) => (a.status === 201 ? true : undefined),
    });
  } finally {
    api.close();
  }
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
