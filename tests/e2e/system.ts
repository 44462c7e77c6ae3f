import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDistributed, type DistributedOptions, type DistributedSystem } from '../../launcher/distributed.js';
import { startEmbedded } from '../../launcher/embedded.js';
import { narrowing } from './switches.js';

export type Mode = 'embedded' | 'distributed';
export type ServiceName = 'identity' | 'results' | 'directory' | 'sharing' | 'gateway';

/** Where a system keeps its data: start another system on it to restart "on existing data". */
export interface SystemData {
  dataDir: string;
  /** Distributed mode: databases, index, Kafka topics and consumer groups are this run's own. */
  namespace: string;
}

/** The whole system, started for a test in one of its two modes, reached only through the gateway. */
export interface SystemUnderTest {
  mode: Mode;
  url: string;
  adminEmail: string;
  adminPassword: string;
  mailDir: string;
  data: SystemData;
  /** When the gateway's /health first answered 200: the budgets count from here. */
  healthyAt: number;
  /** Stops a process (distributed) or the whole system (embedded) and starts it again on the same data; resolves at /health 200. */
  restart(service: ServiceName | 'all'): Promise<void>;
  /** Distributed mode: kills one service's process with a signal (SIGKILL: no shutdown hooks run) and waits until it is gone. */
  kill(service: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
  /** Distributed mode: the launcher's handle (every instance of every process: instances, addInstance, stopInstance, ...). */
  distributed?: DistributedSystem;
}

/** Distributed mode: instances of each process (1 each when absent; at most 8, addInstance included). */
export type Replicas = NonNullable<DistributedOptions['replicas']>;
/** With replicas, instance j of service s is on base + s + 4j: 8 instances of each take base to base + 31; the gateways follow. */
const REPLICA_SLOTS = 32;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Five consecutive free ports (four services, then the gateway) and the internal ports 1000 above
 * them (the services' listeners, the gateway's metrics), below Linux's ephemeral range
 * (32768-60999): a port from that range can be taken by any outgoing connection (Kafka, FerretDB
 * clients) between this check and the service's listen. With `replicas`: room for 8 instances of
 * each service (base to base + 31, as the launcher lays them out) and the gateways after them.
 */
async function freePortBlock(replicas?: Replicas): Promise<number> {
  const gateways = replicas?.gateway ?? 1;
  const width = replicas ? REPLICA_SLOTS + gateways : 5;
  const offsets = Array.from({ length: width }, (_, i) => i);
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * (11_000 - width));
    const ok = await Promise.all([...offsets, ...offsets.map((i) => i + 1000)].map((i) => isFree(base + i)));
    if (ok.every(Boolean)) return base;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A namespace of its own for each distributed run (NAMESPACE allows 1-40 of [A-Za-z0-9_-]). */
export const freshNamespace = (prefix = 'e2e'): string => `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const ADMIN = { email: 'operator@results.test', password: 'operator-password-123' };

/**
 * Starts the system and resolves when the gateway's /health answers 200 (nothing more: the
 * tests then poll as a client would). `on` restarts it on the data an earlier run left.
 */
export async function startSystem(
  mode: Mode,
  seed: 'full' | 'none' = 'full',
  on?: SystemData,
  /** Distributed mode: more variables for every service process. */
  extraEnv?: Record<string, string>,
  /** Distributed mode: instances of each process, e.g. { sharing: 2, identity: 2 }. */
  replicas?: Replicas,
): Promise<SystemUnderTest> {
  const data: SystemData = on ?? { dataDir: await mkdtemp(join(tmpdir(), `e2e-${mode}-`)), namespace: freshNamespace() };
  const { dataDir } = data;
  const logLevel = process.env.E2E_LOG_LEVEL ?? 'warn';
  const common = { dataDir, adminEmail: ADMIN.email, adminPassword: ADMIN.password, logLevel, seed };
  if (mode === 'embedded') {
    const port = await freePort();
    const start = () => startEmbedded({ ...common, port });
    let system = await start();
    return {
      mode,
      url: system.url,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      mailDir: system.mailDir,
      data,
      healthyAt: Date.now(),
      restart: async () => {
        await system.stop();
        system = await start();
      },
      kill: () => Promise.reject(new Error('embedded mode runs in the test process: nothing to kill')),
      stop: () => system.stop(),
    };
  }
  // The launcher hands the namespace to every service (NAMESPACE: topics, consumer groups, databases, index).
  const base = await freePortBlock(replicas);
  const system: DistributedSystem = await startDistributed({
    ...common,
    port: base + (replicas ? REPLICA_SLOTS : 4),
    servicePortBase: base,
    namespace: data.namespace,
    ...(extraEnv ? { extraEnv } : {}),
    ...(replicas ? { replicas } : {}),
  });
  const healthyAt = Date.now();
  return {
    mode,
    url: system.url,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    mailDir: system.mailDir,
    data,
    healthyAt,
    restart: async (service) => {
      const names = service === 'all' ? ['identity', 'results', 'directory', 'sharing', 'gateway'] : [service];
      for (const name of names) await system.restart(name);
    },
    kill: async (service, signal = 'SIGKILL') => {
      const child = system.processes[service];
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      await gone;
    },
    stop: () => system.stop(),
    distributed: system,
  };
}

const ALL_MODES: readonly Mode[] = ['embedded', 'distributed'];

/**
 * The modes to run: E2E_MODES=embedded,distributed (default both). Anything else in the list (a
 * typo, an empty list) fails loudly instead of running zero tests; fewer than both is a narrowing
 * switch (see switches.ts).
 */
export const modes = (): Mode[] => {
  const raw = process.env.E2E_MODES;
  if (raw === undefined) return [...ALL_MODES];
  const names = raw.split(',').map((m) => m.trim());
  const unknown = names.filter((m) => !(ALL_MODES as readonly string[]).includes(m));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(`E2E_MODES=${JSON.stringify(raw)}: unknown mode ${unknown.map((m) => JSON.stringify(m)).join(', ')}; use a comma-separated list of ${ALL_MODES.join(', ')}.`);
  }
  const chosen = ALL_MODES.filter((m) => names.includes(m));
  if (chosen.length < ALL_MODES.length) narrowing('E2E_MODES', raw, `only ${chosen.join(', ')} mode, not ${ALL_MODES.filter((m) => !chosen.includes(m)).join(', ')}`);
  return chosen;
};
