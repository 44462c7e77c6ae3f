import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { engineDefaults, inheritedEnvironment, launcherWebhookSecretKey } from './config.js';

export interface DistributedOptions {
  port?: number;
  dataDir?: string;
  kafkaBrokers?: string;
  mongoUri?: string;
  opensearchUrl?: string;
  adminEmail: string;
  adminPassword: string;
  logLevel?: string;
  /** NAMESPACE of every service: Kafka topics, consumer groups, database and index names (tests run on a fresh set). */
  namespace?: string;
  seed?: 'full' | 'none';
  /** First port of the four services (identity, results, directory, sharing); their internal listeners take these + 1000. */
  servicePortBase?: number;
  publicUrl?: string;
  /** More variables for every service process (tests: OTEL_EXPORTER_OTLP_ENDPOINT, ...). */
  extraEnv?: Record<string, string>;
}

export interface DistributedSystem {
  url: string;
  mailDir: string;
  processes: Record<string, ChildProcess>;
  stop(): Promise<void>;
  restart(name: string): Promise<void>;
}

const root = new URL('../..', import.meta.url).pathname;

/**
 * Distributed mode on one machine: each service in its own Node.js process against Kafka,
 * MongoDB (FerretDB here) and OpenSearch, configured only by environment variables, exactly
 * as docker compose runs them.
 */
export async function startDistributed(options: DistributedOptions): Promise<DistributedSystem> {
  const port = options.port ?? 3000;
  const base = options.servicePortBase ?? 3101;
  const ns = options.namespace ? `-${options.namespace}` : '';
  const defaults = engineDefaults();
  const namespace = options.namespace ?? defaults.namespace;
  const dataDir = resolve(options.dataDir ?? './.data');
  const mongo = options.mongoUri ?? defaults.mongoUri;
  const ports = { identity: base, results: base + 1, directory: base + 2, sharing: base + 3 };
  const url = (p: number) => `http://127.0.0.1:${p}`;
  const common = {
    KAFKA_BROKERS: options.kafkaBrokers ?? defaults.kafkaBrokers,
    JWKS_URL: `${url(ports.identity)}/.well-known/jwks.json`,
    PUBLIC_URL: options.publicUrl ?? `http://localhost:${port}`,
    MAIL_DIR: join(dataDir, 'mail'),
    LOG_LEVEL: options.logLevel ?? 'info',
    HOST: '127.0.0.1',
    ...(namespace ? { NAMESPACE: namespace } : {}),
  };
  const envs: Record<string, Record<string, string>> = {
    identity: { ...common, PORT: String(ports.identity), MONGODB_URI: mongo, MONGODB_DB: `identity${ns}`, ADMIN_EMAIL: options.adminEmail, ADMIN_PASSWORD: options.adminPassword },
    results: { ...common, PORT: String(ports.results), MONGODB_URI: mongo, MONGODB_DB: `results${ns}` },
    directory: {
      ...common,
      PORT: String(ports.directory),
      MONGODB_URI: mongo,
      MONGODB_DB: `directory${ns}`,
      OPENSEARCH_URL: options.opensearchUrl ?? defaults.opensearchUrl,
      OPENSEARCH_INDEX: `directory${ns}`,
      DIRECTORY_SEED: options.seed ?? 'full',
      // identity's internal listener (PORT + 1000): the directory creates organisation users there.
      IDENTITY_INTERNAL_URL: url(ports.identity + 1000),
    },
    // Kept under DATA_DIR (unless WEBHOOK_SECRET_KEY is set) so that a restart opens what the last run sealed.
    sharing: { ...common, PORT: String(ports.sharing), MONGODB_URI: mongo, MONGODB_DB: `sharing${ns}`, WEBHOOK_SECRET_KEY: await launcherWebhookSecretKey(dataDir) },
    gateway: {
      ...common,
      PORT: String(port),
      IDENTITY_URL: url(ports.identity),
      RESULTS_URL: url(ports.results),
      DIRECTORY_URL: url(ports.directory),
      SHARING_URL: url(ports.sharing),
      // Each service's internal listener (health, readiness, OpenAPI) is on its PORT + 1000.
      IDENTITY_INTERNAL_URL: url(ports.identity + 1000),
      RESULTS_INTERNAL_URL: url(ports.results + 1000),
      DIRECTORY_INTERNAL_URL: url(ports.directory + 1000),
      SHARING_INTERNAL_URL: url(ports.sharing + 1000),
    },
  };
  const processes: Record<string, ChildProcess> = {};
  const launch = (name: string) => {
    const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist/services', name, 'src/main.js')], {
      env: { ...inheritedEnvironment(), ...envs[name], ...options.extraEnv },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    processes[name] = child;
  };
  for (const name of Object.keys(envs)) launch(name);
  const gatewayUrl = url(port);
  const waitHealthy = async () => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        const r = await fetch(`${gatewayUrl}/health`, { signal: AbortSignal.timeout(2_000) });
        if (r.ok) return;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error('the distributed system did not become healthy within 120 s');
      await sleep(250);
    }
  };
  const stopOne = async (name: string) => {
    const child = processes[name];
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
  };
  try {
    await waitHealthy();
  } catch (error) {
    for (const name of Object.keys(processes)) await stopOne(name);
    throw error;
  }
  return {
    url: gatewayUrl,
    mailDir: common.MAIL_DIR,
    processes,
    stop: async () => {
      for (const name of Object.keys(processes).reverse()) await stopOne(name);
    },
    restart: async (name: string) => {
      await stopOne(name);
      launch(name);
      await waitHealthy();
    },
  };
}
