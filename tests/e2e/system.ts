import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
