import { EnvReader, readTracingConfig, type TracingConfig } from '#libs/platform';
import { readDirectorySettings, type DirectorySettings } from '../services/directory/src/config.js';
import { readGatewaySettings, type GatewaySettings } from '../services/gateway/src/config.js';
import { readIdentitySettings, type IdentitySettings } from '../services/identity/src/config.js';
import { readSharingSettings, readWebhookSecretKey, type SharingSettings } from '../services/sharing/src/config.js';
import { INSTANCE_NAMES, MAX_INSTANCES, type InstanceName } from './instance-ports.js';
import { webhookSecretKey } from './webhook-secret-key.js';

/**
 * The launchers' configuration: the one place in launcher/ that reads process.env. What only a
 * launcher reads is named here; each service's own settings are read through that service's
 * config.ts (readXSettings), so every variable has one reader.
 */

/** `npm start`: what only the embedded launcher reads. */
export interface EmbeddedLauncherConfig {
  /** PORT (3000): the gateway. */
  port: number;
  /** HOST (127.0.0.1). */
  host: string;
  /** DATA_DIR (./.data): a file store per service, mail, the operator's password and the webhook key. */
  dataDir: string;
  /** SMTP_URL: unset, e-mails are .eml files under DATA_DIR/mail. */
  smtpUrl?: string;
  /** LOG_LEVEL (info). */
  logLevel: string;
  /** PUBLIC_URL: links in e-mails (default: the gateway's URL). */
  publicUrl?: string;
  /** The OpenTelemetry variables (docs/production/tracing.md): off unless an OTLP endpoint is set. */
  tracing: TracingConfig;
}

export function loadEmbeddedLauncherConfig(env: NodeJS.ProcessEnv = process.env): EmbeddedLauncherConfig {
  const reader = new EnvReader(env);
  const smtpUrl = reader.optional('SMTP_URL');
  const publicUrl = reader.optional('PUBLIC_URL');
  const config: EmbeddedLauncherConfig = {
    port: reader.int('PORT', 3000),
    host: reader.string('HOST', '127.0.0.1'),
    dataDir: reader.string('DATA_DIR', './.data'),
    logLevel: reader.string('LOG_LEVEL', 'info'),
    ...(smtpUrl ? { smtpUrl } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    tracing: readTracingConfig(reader),
  };
  reader.done();
  return config;
}

/** Every service's own settings, for the services the embedded launcher runs in its process. */
export interface ServiceSettings {
  identity: IdentitySettings;
  directory: DirectorySettings;
  sharing: SharingSettings;
  gateway: GatewaySettings;
}

/**
 * Reads every service's settings through its own reader, with one error for every problem.
 * The webhook key: WEBHOOK_SECRET_KEY, else one made once and kept under `dataDir`.
 */
export async function loadServiceSettings(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<ServiceSettings> {
  const reader = new EnvReader(env);
  const identity = readIdentitySettings(reader);
  const directory = readDirectorySettings(reader);
  const gateway = readGatewaySettings(reader);
  const sharing = readSharingSettings(reader, await webhookSecretKey(dataDir, readWebhookSecretKey(reader)));
  reader.done();
  return { identity, directory, sharing, gateway };
}

/**
 * The engines the distributed launcher points the services at (KAFKA_BROKERS, MONGODB_URI,
 * OPENSEARCH_URL: the local engines by default) and the NAMESPACE they share.
 */
export interface EngineDefaults {
  kafkaBrokers: string;
  mongoUri: string;
  opensearchUrl: string;
  namespace: string;
}

export function readEngineDefaults(env: EnvReader): EngineDefaults {
  return {
    kafkaBrokers: env.string('KAFKA_BROKERS', '127.0.0.1:9092'),
    mongoUri: env.string('MONGODB_URI', 'mongodb://127.0.0.1:27017'),
    opensearchUrl: env.string('OPENSEARCH_URL', 'http://127.0.0.1:9200'),
    namespace: env.string('NAMESPACE', ''),
  };
}

/** `npm run start:dist`: what the distributed launcher reads (the services read their own, each in its process). */
export interface DistributedLauncherConfig extends EngineDefaults {
  /** PORT (3000): the gateway (more gateways: 3001, ...); the services take 3101-3104 (more instances: 3105-3108, ...). */
  port: number;
  /** DATA_DIR (./.data): mail, the operator's password and the webhook key. */
  dataDir: string;
  /** LOG_LEVEL (info). */
  logLevel: string;
  /** identity's settings: the operator account (a password is made and kept under DATA_DIR when unset). */
  admin: IdentitySettings;
  /** The directory's DIRECTORY_SEED, given to its process. */
  seed: DirectorySettings['seed'];
  /** REPLICAS (`sharing=2,identity=2,gateway=2`): instances of each process, 1 to 8 (1 when not named). */
  replicas: Partial<Record<InstanceName, number>>;
}

/**
 * REPLICAS: `name=count` pairs separated by commas, each name one of the processes, each count a
 * whole number from 1 to 8; every problem is reported through the reader.
 */
export function readReplicas(env: EnvReader): Partial<Record<InstanceName, number>> {
  const raw = env.optional('REPLICAS');
  const replicas: Partial<Record<InstanceName, number>> = {};
  if (!raw) return replicas;
  for (const pair of raw.split(',').map((p) => p.trim())) {
    const match = /^([a-z]+)=(\d+)$/.exec(pair);
    const name = INSTANCE_NAMES.find((n) => n === match?.[1]);
    const count = Number(match?.[2]);
    if (!match) env.problem(`REPLICAS: "${pair}" is not name=count (e.g. REPLICAS=sharing=2,identity=2)`);
    else if (!name) env.problem(`REPLICAS: unknown service "${match[1]}" (known: ${INSTANCE_NAMES.join(', ')})`);
    else if (count < 1 || count > MAX_INSTANCES) env.problem(`REPLICAS: ${name}=${match[2]}: the count must be from 1 to ${MAX_INSTANCES}`);
    else if (replicas[name] !== undefined) env.problem(`REPLICAS: ${name} is named twice`);
    else replicas[name] = count;
  }
  return replicas;
}

/**
 * Also checks every service's settings (through their readers) before any process starts, so a
 * wrong value stops the launcher at once instead of one child process after the others.
 */
export function loadDistributedLauncherConfig(env: NodeJS.ProcessEnv = process.env): DistributedLauncherConfig {
  const reader = new EnvReader(env);
  const config: DistributedLauncherConfig = {
    port: reader.int('PORT', 3000),
    dataDir: reader.string('DATA_DIR', './.data'),
    logLevel: reader.string('LOG_LEVEL', 'info'),
    ...readEngineDefaults(reader),
    admin: readIdentitySettings(reader),
    seed: readDirectorySettings(reader).seed,
    replicas: readReplicas(reader),
  };
  readGatewaySettings(reader);
  reader.done();
  return config;
}

/** The distributed launcher's defaults for what startDistributed is not told (tests and benchmarks call it directly). */
export function engineDefaults(env: NodeJS.ProcessEnv = process.env): EngineDefaults {
  const reader = new EnvReader(env);
  const defaults = readEngineDefaults(reader);
  reader.done();
  return defaults;
}

/** The key the distributed launcher gives sharing: WEBHOOK_SECRET_KEY, else one kept under `dataDir`. */
export function launcherWebhookSecretKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return webhookSecretKey(dataDir, readWebhookSecretKey(new EnvReader(env)));
}

/** What the services' processes inherit from the launcher's environment (each reads its own config from it). */
export function inheritedEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env };
}
