import { EnvReader, readInfrastructureConfig, type InfrastructureConfig, readTracingConfig, type TracingConfig } from '#libs/platform';
import type { FeedConfig } from './feed/feed.config.js';
import type { WebhookConfig } from './webhooks/webhook.config.js';
import { parseKeyring, type WebhookKeyring } from './webhooks/webhook-secret.cipher.js';

/** What sharing itself reads from the environment, in either mode. */
export interface SharingSettings {
  webhooks: WebhookConfig;
  feed: FeedConfig;
}

/** sharing in its own process (distributed mode): everything it reads from the environment, once, at boot. */
export interface SharingConfig extends SharingSettings {
  /** PORT (3104): the API; the internal listener is on INTERNAL_PORT (default PORT + 1000). */
  port: number;
  /** The OpenTelemetry variables (docs/production/tracing.md): off unless an OTLP endpoint is set. */
  tracing: TracingConfig;
  /** HOST (0.0.0.0). */
  host: string;
  infrastructure: InfrastructureConfig;
}

/** WEBHOOK_SECRET_KEY when set (the launchers otherwise keep a key of their own under DATA_DIR). */
export function readWebhookSecretKey(env: EnvReader): string | undefined {
  return env.optional('WEBHOOK_SECRET_KEY');
}

/**
 * The webhook worker's settings. `secretKey` is the launchers' key (WEBHOOK_SECRET_KEY, or one
 * made once and kept under DATA_DIR); without it WEBHOOK_SECRET_KEY is required. Problems go to
 * the reader, reported with every other one when it is done.
 */
export function readWebhookConfig(env: EnvReader, secretKey?: string): WebhookConfig {
  const allowPrivateAddresses = env.flag('WEBHOOK_ALLOW_PRIVATE_ADDRESSES', false);
  if (env.optional('WEBHOOK_ALLOW_HTTP')) env.problem('WEBHOOK_ALLOW_HTTP is gone: WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true allows local receivers');
  const key = secretKey ?? readWebhookSecretKey(env);
  const keyring = key ? parseKeyring(key, env.list('WEBHOOK_SECRET_PREVIOUS_KEYS', '')) : null;
  if (!key) env.problem('WEBHOOK_SECRET_KEY is required: 32 random bytes in base64 (`openssl rand -base64 32`), it encrypts webhook secrets at rest');
  if (typeof keyring === 'string') env.problem(keyring);
  return {
    allowPrivateAddresses,
    keyring: keyring as WebhookKeyring,
    baseBackoffMs: Math.max(1, env.int('WEBHOOK_BASE_BACKOFF_MS', 1_000)),
    maxBackoffMs: env.int('WEBHOOK_MAX_BACKOFF_MS', 600_000),
    pollMs: Math.max(10, env.int('WEBHOOK_POLL_MS', 1_000)),
    settleMs: env.int('WEBHOOK_SETTLE_MS', 500),
    timeoutMs: 5_000,
  };
}

/** sharing's own settings, read with the caller's reader (the embedded launcher reads every service's at once). */
export function readSharingSettings(env: EnvReader, secretKey?: string): SharingSettings {
  return { webhooks: readWebhookConfig(env, secretKey), feed: readFeedConfig(env) };
}

/** FEED_SETTLE_MS (1000): how old an event must be before the pull feed serves it (docs/feed.md). */
export function readFeedConfig(env: EnvReader): FeedConfig {
  return { settleMs: Math.max(0, env.int('FEED_SETTLE_MS', 1_000)) };
}

/** The webhook settings alone, checked at once (tests and tools that boot sharing's module by itself). */
export function webhookConfigFromEnv(env: NodeJS.ProcessEnv = process.env, secretKey?: string): WebhookConfig {
  const reader = new EnvReader(env);
  const config = readWebhookConfig(reader, secretKey);
  reader.done();
  return config;
}

/**
 * Reads and checks every variable sharing uses, before it connects to anything; throws one error
 * listing every problem. WEBHOOK_SECRET_KEY is required here (no DATA_DIR to keep one in).
 */
export function loadSharingConfig(env: NodeJS.ProcessEnv = process.env): SharingConfig {
  const reader = new EnvReader(env);
  const config: SharingConfig = {
    port: reader.int('PORT', 3104),
    host: reader.string('HOST', '0.0.0.0'),
    ...readSharingSettings(reader),
    infrastructure: readInfrastructureConfig(reader),
    tracing: readTracingConfig(reader),
  };
  reader.done();
  return config;
}
