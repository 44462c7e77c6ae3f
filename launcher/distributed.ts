import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { engineDefaults, inheritedEnvironment, launcherWebhookSecretKey } from './config.js';
import { INSTANCE_NAMES, INTERNAL_OFFSET, InstancePorts, MAX_INSTANCES, SERVICE_NAMES, type InstanceName } from './instance-ports.js';
import { writeUpstreamsFile } from './upstreams-file.js';

export type { InstanceName } from './instance-ports.js';

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
  /**
   * First port of the four services (identity, results, directory, sharing); instance j of the
   * service at place s takes base + s + 4j; their internal listeners take these + 1000.
   */
  servicePortBase?: number;
  publicUrl?: string;
  /** More variables for every service process (tests: OTEL_EXPORTER_OTLP_ENDPOINT, ...). */
  extraEnv?: Record<string, string>;
  /** Instances of each process (1 each by default, at most 8); gateways take `port`, `port` + 1, ... */
  replicas?: Partial<Record<InstanceName, number>>;
  /** Where the processes' output goes: this terminal (default), or appended to a file (the drills keep theirs readable). */
  outputFile?: string;
}

/** What starting an instance waits for: its /health/ready (caught up) or its /health/live (answering). */
export type InstanceWait = 'ready' | 'live';

export interface DistributedSystem {
  /** The first gateway. */
  url: string;
  /** Every gateway, by index. */
  gatewayUrls: string[];
  mailDir: string;
  /** The first instance of each process (kept current when it is started again). */
  processes: Record<string, ChildProcess>;
  stop(): Promise<void>;
  /** Stops every instance of a process and starts each again; resolves when the gateway's /health answers 200. */
  restart(name: string): Promise<void>;
  /** Every instance of a process, live and dead, by index. */
  instances(name: InstanceName): ChildProcess[];
  /**
   * Starts one more instance on new ports; resolves with its index once it is ready (`until:
   * 'live'`: once it answers at all, e.g. under a backlog it will take a while to catch up) and
   * every gateway knows it.
   */
  addInstance(name: InstanceName, until?: InstanceWait): Promise<number>;
  /** Sends the signal and waits until the instance has exited (a SIGTERM is followed by SIGKILL after 10 s). */
  stopInstance(name: InstanceName, index: number, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped instance again on its own ports; resolves when it is ready (or only live: see addInstance). */
  startInstance(name: InstanceName, index: number, until?: InstanceWait): Promise<void>;
  /** An instance's public base URL (a service's API; a gateway). */
  instanceUrl(name: InstanceName, index: number): string;
  /** An instance's internal listener (health, metrics, OpenAPI; a gateway's metrics). */
  internalUrl(name: InstanceName, index: number): string;
}

interface Instance {
  port: number;
  child: ChildProcess;
}

const root = new URL('../..', import.meta.url).pathname;
const url = (p: number) => `http://127.0.0.1:${p}`;
const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Polls `target` until it answers 200, up to `ms`. */
async function until200(target: string, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  let last: string;
  for (;;) {
    try {
      // Longer than a service's probe timeout (2 s), so a slow probe shows up as its 503 and reason.
      const r = await fetch(target, { signal: AbortSignal.timeout(5_000) });
      const body = await r.text();
      if (r.ok) return;
      last = `${r.status} ${body.slice(0, 500)}`;
    } catch (error) {
      last = String(error); // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not answer 200 at ${target} within ${ms / 1000} s (last: ${last})`);
    await sleep(250);
  }
}

/**
 * Distributed mode on one machine: each service in its own Node.js process (or several: `replicas`)
 * against Kafka, MongoDB (FerretDB here) and OpenSearch, configured only by environment
 * variables, exactly as docker compose runs them. The gateways learn the instances from
 * `*_URL` lists and from an UPSTREAMS_FILE this launcher rewrites when an instance is added.
 */
export async function startDistributed(options: DistributedOptions): Promise<DistributedSystem> {
  const port = options.port ?? 3000;
  const ports = new InstancePorts(options.servicePortBase ?? 3101, port);
  const defaults = engineDefaults();
  const namespace = options.namespace ?? defaults.namespace;
  // Databases and index carry the namespace like the topics and groups (NAMESPACE in start:dist's environment too).
  const ns = namespace ? `-${namespace}` : '';
  const dataDir = resolve(options.dataDir ?? './.data');
  const mongo = options.mongoUri ?? defaults.mongoUri;
  const upstreamsDir = await mkdtemp(join(tmpdir(), 'upstreams-'));
  const upstreamsFile = join(upstreamsDir, 'upstreams.json');
  const instances = Object.fromEntries(INSTANCE_NAMES.map((n) => [n, [] as Instance[]])) as Record<InstanceName, Instance[]>;
  const planned = {} as Record<InstanceName, number[]>;
  for (const name of INSTANCE_NAMES) {
    const count = options.replicas?.[name] ?? 1;
    if (!Number.isInteger(count) || count < 1 || count > MAX_INSTANCES) throw new Error(`replicas.${name} must be a whole number from 1 to ${MAX_INSTANCES}, got ${count}`);
    planned[name] = [];
    for (let i = 0; i < count; i++) planned[name].push(await ports.next(name, i));
  }
  const common = {
    KAFKA_BROKERS: options.kafkaBrokers ?? defaults.kafkaBrokers,
    // Every identity instance serves the same stored key: each is tried in turn until one answers.
    JWKS_URL: planned.identity.map((p) => `${url(p)}/.well-known/jwks.json`).join(','),
    PUBLIC_URL: options.publicUrl ?? `http://localhost:${port}`,
    MAIL_DIR: join(dataDir, 'mail'),
    LOG_LEVEL: options.logLevel ?? 'info',
    HOST: '127.0.0.1',
    ...(namespace ? { NAMESPACE: namespace } : {}),
  };
  const urlsOf = (name: InstanceName, offset = 0) => planned[name].map((p) => url(p + offset)).join(',');
  const envs: Record<InstanceName, Record<string, string>> = {
    identity: { ...common, MONGODB_URI: mongo, MONGODB_DB: `identity${ns}`, ADMIN_EMAIL: options.adminEmail, ADMIN_PASSWORD: options.adminPassword },
    results: { ...common, MONGODB_URI: mongo, MONGODB_DB: `results${ns}` },
    directory: {
      ...common,
      MONGODB_URI: mongo,
      MONGODB_DB: `directory${ns}`,
      OPENSEARCH_URL: options.opensearchUrl ?? defaults.opensearchUrl,
      OPENSEARCH_INDEX: `directory${ns}`,
      DIRECTORY_SEED: options.seed ?? 'full',
      // identity's internal listener (PORT + 1000): the directory creates organisation users there.
      // Every identity instance, tried in turn while one refuses (the gateway's list below, too).
      IDENTITY_INTERNAL_URL: urlsOf('identity', INTERNAL_OFFSET),
    },
    // Kept under DATA_DIR (unless WEBHOOK_SECRET_KEY is set) so that a restart opens what the last run sealed.
    sharing: { ...common, MONGODB_URI: mongo, MONGODB_DB: `sharing${ns}`, WEBHOOK_SECRET_KEY: await launcherWebhookSecretKey(dataDir) },
    gateway: {
      ...common,
      // Instance i of a service: the i-th URL of each list. Added instances come through UPSTREAMS_FILE.
      IDENTITY_URL: urlsOf('identity'),
      RESULTS_URL: urlsOf('results'),
      DIRECTORY_URL: urlsOf('directory'),
      SHARING_URL: urlsOf('sharing'),
      IDENTITY_INTERNAL_URL: urlsOf('identity', INTERNAL_OFFSET),
      RESULTS_INTERNAL_URL: urlsOf('results', INTERNAL_OFFSET),
      DIRECTORY_INTERNAL_URL: urlsOf('directory', INTERNAL_OFFSET),
      SHARING_INTERNAL_URL: urlsOf('sharing', INTERNAL_OFFSET),
      UPSTREAMS_FILE: upstreamsFile,
    },
  };
  const processes: Record<string, ChildProcess> = {};
  // One descriptor shared by every child (O_APPEND: their lines interleave whole); closed at stop.
  const output: 'inherit' | number = options.outputFile ? openSync(options.outputFile, 'a') : 'inherit';
  const spawnInstance = (name: InstanceName, index: number, instancePort: number): ChildProcess => {
    const child = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist/services', name, 'src/main.js')], {
      env: {
        ...inheritedEnvironment(),
        ...envs[name],
        PORT: String(instancePort),
        ...(name === 'gateway' ? {} : { INTERNAL_PORT: String(instancePort + INTERNAL_OFFSET) }),
        ...options.extraEnv,
      },
      stdio: output === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', output, output],
    });
    instances[name][index] = { port: instancePort, child };
    if (index === 0) processes[name] = child;
    return child;
  };
  const listUpstreams = () =>
    writeUpstreamsFile(
      upstreamsFile,
      Object.fromEntries(SERVICE_NAMES.map((n) => [n, instances[n].map((i) => ({ url: url(i.port), internalUrl: url(i.port + INTERNAL_OFFSET) }))])),
    );
  const instanceOf = (name: InstanceName, index: number): Instance => {
    const instance = instances[name]?.[index];
    if (!instance) throw new Error(`${name} has no instance ${index} (it has ${instances[name]?.length ?? 0})`);
    return instance;
  };
  const gatewayUrls = () => instances.gateway.map((i) => url(i.port));
  // A service is ready on its internal /health/ready; a gateway (no internal listener of its own) on its /health.
  const readyUrl = (name: InstanceName, instancePort: number, until: InstanceWait = 'ready') =>
    name === 'gateway' ? `${url(instancePort)}/health` : `${url(instancePort + INTERNAL_OFFSET)}/health/${until}`;
  const waitHealthy = () => Promise.all(gatewayUrls().map((g) => until200(`${g}/health`, 120_000, 'the distributed system')));
  const stopInstance = async (name: InstanceName, index: number, signal: NodeJS.Signals = 'SIGTERM') => {
    const { child } = instanceOf(name, index);
    if (!alive(child)) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    if (signal !== 'SIGTERM') return exited;
    await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
    await exited;
  };
  const stopAll = async () => {
    for (const name of [...INSTANCE_NAMES].reverse()) {
      await Promise.all(instances[name].map((_, i) => stopInstance(name, i)));
    }
    await rm(upstreamsDir, { recursive: true, force: true });
    if (typeof output === 'number') closeSync(output);
  };
  /** Every gateway lists `count` instances of the service (its /health counts them). */
  const gatewaysKnow = async (name: InstanceName, count: number) => {
    if (name === 'gateway') return;
    const deadline = Date.now() + 15_000;
    for (const g of gatewayUrls()) {
      for (;;) {
        const body = (await fetch(`${g}/health`)
          .then((r) => r.json())
          .catch(() => null)) as { services?: Record<string, { instances?: { total: number } }> } | null;
        if ((body?.services?.[name]?.instances?.total ?? 1) >= count) break;
        if (Date.now() > deadline) throw new Error(`the gateway at ${g} did not learn of ${name}'s instance ${count - 1} within 15 s`);
        await sleep(250);
      }
    }
  };

  for (const name of INSTANCE_NAMES) planned[name].forEach((p, i) => spawnInstance(name, i, p));
  await listUpstreams();
  try {
    await waitHealthy();
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    url: gatewayUrls()[0],
    gatewayUrls: gatewayUrls(),
    mailDir: common.MAIL_DIR,
    processes,
    stop: stopAll,
    restart: async (name: string) => {
      const known = INSTANCE_NAMES.find((n) => n === name);
      if (!known) throw new Error(`no process named ${name} (known: ${INSTANCE_NAMES.join(', ')})`);
      for (const [index, instance] of instances[known].entries()) {
        await stopInstance(known, index);
        spawnInstance(known, index, instance.port);
      }
      await waitHealthy();
    },
    instances: (name) => instances[name].map((i) => i.child),
    addInstance: async (name, until) => {
      const index = instances[name].length;
      if (index >= MAX_INSTANCES) throw new Error(`${name} already has ${MAX_INSTANCES} instances, the most the launcher runs`);
      const instancePort = await ports.next(name, index);
      spawnInstance(name, index, instancePort);
      await listUpstreams();
      await until200(readyUrl(name, instancePort, until), 120_000, `${name} instance ${index}`);
      await gatewaysKnow(name, index + 1);
      if (name === 'gateway') console.log(`gateway ${index}: ${url(instancePort)}`);
      return index;
    },
    stopInstance,
    startInstance: async (name, index, until) => {
      const instance = instanceOf(name, index);
      if (alive(instance.child)) return;
      spawnInstance(name, index, instance.port);
      await until200(readyUrl(name, instance.port, until), 120_000, `${name} instance ${index}`);
    },
    instanceUrl: (name, index) => url(instanceOf(name, index).port),
    internalUrl: (name, index) => url(instanceOf(name, index).port + INTERNAL_OFFSET),
  };
}
