import { EnvReader } from '#libs/platform';
import { parseKeyring, type WebhookKeyring } from './webhook-secret.cipher.js';

/** How the webhook worker behaves; read from the environment once, at boot. */
export interface WebhookConfig {
  /**
   * WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true lets webhooks reach loopback and private hosts, over http
   * and on any port (local receivers in development and tests). Off by default; never in production.
   */
  allowPrivateAddresses: boolean;
  /** Encrypts the signing secrets at rest: WEBHOOK_SECRET_KEY (+ WEBHOOK_SECRET_PREVIOUS_KEYS while rotating). */
  keyring: WebhookKeyring;
  /** The first retry waits about this long; each further failure doubles it. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How often the worker looks for due deliveries. */
  pollMs: number;
  /** How long a feed entry must have been visible before it is sent (see WebhookWorker.settled). */
  settleMs: number;
  /** One request may take this long before it counts as failed. */
  timeoutMs: number;
}

export const WEBHOOK_CONFIG = Symbol('WEBHOOK_CONFIG');

/**
 * `secretKey` is the embedded launcher's key (made once and kept under DATA_DIR when
 * WEBHOOK_SECRET_KEY is unset); without it WEBHOOK_SECRET_KEY is required. Every problem is
 * reported at once, at boot.
 */
export function webhookConfigFromEnv(env: NodeJS.ProcessEnv = process.env, secretKey?: string): WebhookConfig {
  const reader = new EnvReader(env);
  const problems: string[] = [];
  const allow = reader.string('WEBHOOK_ALLOW_PRIVATE_ADDRESSES', 'false');
  if (allow !== 'true' && allow !== 'false') problems.push(`WEBHOOK_ALLOW_PRIVATE_ADDRESSES must be true or false, got "${allow}"`);
  if (reader.optional('WEBHOOK_ALLOW_HTTP')) problems.push('WEBHOOK_ALLOW_HTTP is gone: WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true allows local receivers');
  const key = secretKey ?? reader.optional('WEBHOOK_SECRET_KEY');
  const keyring = key ? parseKeyring(key, reader.list('WEBHOOK_SECRET_PREVIOUS_KEYS', '')) : null;
  if (!key) problems.push('WEBHOOK_SECRET_KEY is required: 32 random bytes in base64 (`openssl rand -base64 32`), it encrypts webhook secrets at rest');
  if (typeof keyring === 'string') problems.push(keyring);
  const config = {
    allowPrivateAddresses: allow === 'true',
    keyring: keyring as WebhookKeyring,
    baseBackoffMs: Math.max(1, reader.int('WEBHOOK_BASE_BACKOFF_MS', 1_000)),
    maxBackoffMs: reader.int('WEBHOOK_MAX_BACKOFF_MS', 600_000),
    pollMs: Math.max(10, reader.int('WEBHOOK_POLL_MS', 1_000)),
    settleMs: reader.int('WEBHOOK_SETTLE_MS', 500),
    timeoutMs: 5_000,
  };
  try {
    reader.done();
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length > 0) throw new Error(`Invalid configuration of the sharing service's webhooks:\n  - ${problems.join('\n  - ')}`);
  return config;
}

/** Exponential backoff after `attempts` failures (1 → base), capped, with up to 20 % jitter either way. */
export function backoffMs(config: WebhookConfig, attempts: number): number {
  const exponential = Math.min(config.maxBackoffMs, config.baseBackoffMs * 2 ** Math.min(attempts - 1, 30));
  return Math.round(exponential * (0.8 + Math.random() * 0.4));
}
