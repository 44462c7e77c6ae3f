import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kafkajs from 'kafkajs';
import { Topics } from '#libs/contracts';
import { engineUrls } from '#libs/testing';
import { startDistributed } from '../../launcher/distributed.js';
import { startEmbedded } from '../../launcher/embedded.js';

export type Mode = 'embedded' | 'distributed';

/** The whole system, started for a test in one of its two modes, reached only through the gateway. */
export interface SystemUnderTest {
  mode: Mode;
  url: string;
  adminEmail: string;
  adminPassword: string;
  mailDir: string;
  /** Stops a process (distributed) or the whole system (embedded) and starts it again on the same data. */
  restart(service: 'sharing' | 'all'): Promise<void>;
  stop(): Promise<void>;
}

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

/** Four consecutive free ports for the services (checked one by one). */
async function freePortBlock(): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const ok = await Promise.all([0, 1, 2, 3].map((i) => isFree(base + i)));
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

export async function startSystem(mode: Mode, seed: 'full' | 'none' = 'full'): Promise<SystemUnderTest> {
  const dataDir = await mkdtemp(join(tmpdir(), `e2e-${mode}-`));
  const adminEmail = 'operator@results.test';
  const adminPassword = 'operator-password-123';
  const logLevel = process.env.E2E_LOG_LEVEL ?? 'warn';
  if (mode === 'embedded') {
    const port = await freePort();
    const start = () => startEmbedded({ port, dataDir, adminEmail, adminPassword, logLevel, seed });
    let system = await start();
    return {
      mode,
      url: system.url,
      adminEmail,
      adminPassword,
      mailDir: system.mailDir,
      restart: async () => {
        await system.stop();
        system = await start();
      },
      stop: () => system.stop(),
    };
  }
  const port = await freePort();
  const system = await startDistributed({
    port,
    servicePortBase: await freePortBlock(),
    dataDir,
    adminEmail,
    adminPassword,
    logLevel,
    seed,
    namespace: `e2e${Date.now().toString(36)}`,
  });
  const settled = await waitForConsumers(
    { identity: [Topics.entries, Topics.organisations], sharing: [Topics.results, Topics.organisations] },
    240_000,
  );
  // The directory's import of 10k organisations may still be on its way: live events overtake it.
  console.log(`# distributed system: consumers caught up with what was published in ${settled} ms`);
  return {
    mode,
    url: system.url,
    adminEmail,
    adminPassword,
    mailDir: system.mailDir,
    restart: async (service) => {
      for (const name of service === 'all' ? ['identity', 'results', 'directory', 'sharing', 'gateway'] : [service]) {
        await system.restart(name);
      }
    },
    stop: () => system.stop(),
  };
}

/** The modes to run: E2E_MODES=embedded,distributed (default both). */
export const modes = (): Mode[] =>
  (process.env.E2E_MODES ?? 'embedded,distributed').split(',').filter((m): m is Mode => m === 'embedded' || m === 'distributed');

/**
 * Waits until the consumer groups have caught up with every contract topic: on a first boot the
 * directory publishes its 10k-organisation import, which identity and sharing take a while to
 * consume. Normal operation is measured after that (bench/), not during it.
 */
async function waitForConsumers(groups: Record<string, string[]>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  const admin = new kafkajs.Kafka({ clientId: 'e2e-settle', brokers: engineUrls.kafkaBrokers, logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    let calm = 0;
    for (;;) {
      let lag = 0;
      for (const [groupId, topics] of Object.entries(groups)) {
        for (const topic of topics) {
          const ends = await admin.fetchTopicOffsets(topic);
          const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
          for (const end of ends) {
            const at = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
            lag += Math.max(0, Number(end.offset) - Math.max(0, Number(at)));
          }
        }
      }
      calm = lag === 0 ? calm + 1 : 0;
      if (calm >= 2) return Date.now() - started;
      if (Date.now() - started > timeoutMs) throw new Error(`consumers still ${lag} messages behind after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  } finally {
    await admin.disconnect();
  }
}
