// The system under test: started in embedded mode by the test itself (launcher/embedded), or an
// already-running one given by PORTAL_URL, ADMIN_EMAIL, ADMIN_PASSWORD and MAIL_DIR.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface System {
  url: string;
  adminEmail: string;
  adminPassword: string;
  mailDir: string;
  stop(): Promise<void>;
}

interface EmbeddedModule {
  startEmbedded(options: {
    port: number;
    dataDir: string;
    seed?: 'full' | 'none';
    logLevel?: string;
  }): Promise<System>;
}

/** The repository root, from dist/tests/browser/support/. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

function buildPortal(): void {
  const run = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'portal/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: repoRoot,
      stdio: 'inherit',
      // The test runner sets NODE_ENV=test, under which Vite compiles JSX for development (file names
      // and lines in every element, 40 % more script): the portal under test is the one users get.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (run.status !== 0)
    throw new Error('The portal did not build (vite build --config portal/vite.config.ts).');
}

const START_TIMEOUT_MS = 120_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function startSystem(): Promise<System> {
  const { PORTAL_URL, ADMIN_EMAIL, ADMIN_PASSWORD, MAIL_DIR } = process.env;
  if (PORTAL_URL) {
    if (!ADMIN_EMAIL || !ADMIN_PASSWORD || !MAIL_DIR) {
      throw new Error('With PORTAL_URL, set ADMIN_EMAIL, ADMIN_PASSWORD and MAIL_DIR as well.');
    }
    return {
      url: PORTAL_URL.replace(/\/+$/, ''),
      adminEmail: ADMIN_EMAIL,
      adminPassword: ADMIN_PASSWORD,
      mailDir: MAIL_DIR,
      stop: async () => {},
    };
  }
  buildPortal();
  const dataDir = await mkdtemp(join(tmpdir(), 'portal-browser-'));
  // A computed specifier: the launcher is compiled alongside (dist/launcher/embedded.js).
  const specifier = new URL('../../../launcher/embedded.js', import.meta.url).href;
  const { startEmbedded } = (await import(specifier)) as EmbeddedModule;
  // No seeded directory (the journeys create their own organisations) and a quiet log.
  const starting = startEmbedded({
    port: 0,
    dataDir,
    seed: 'none',
    logLevel: process.env['LOG_LEVEL'] ?? 'warn',
  });
  const system = await withTimeout(starting, START_TIMEOUT_MS, 'The embedded system did not start');
  return {
    ...system,
    url: system.url.replace(/\/+$/, ''),
    stop: async () => {
      await system.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
