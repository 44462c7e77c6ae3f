import { EnvReader } from '#libs/platform';

/** How the webhook worker behaves; read from the environment once, at boot. */
export interface WebhookConfig {
  /** Lets `http://` URLs through, to loopback hosts only (local receivers, tests). Never in production. */
  allowHttp: boolean;
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

export function webhookConfigFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookConfig {
  const reader = new EnvReader(env);
  const config: WebhookConfig = {
    allowHttp: reader.string('WEBHOOK_ALLOW_HTTP', 'false') === 'true',
    baseBackoffMs: Math.max(1, reader.int('WEBHOOK_BASE_BACKOFF_MS', 1_000)),
    maxBackoffMs: reader.int('WEBHOOK_MAX_BACKOFF_MS', 600_000),
    pollMs: Math.max(10, reader.int('WEBHOOK_POLL_MS', 1_000)),
    settleMs: reader.int('WEBHOOK_SETTLE_MS', 500),
    timeoutMs: 5_000,
  };
  reader.done();
  return config;
}

/** Exponential backoff after `attempts` failures (1 → base), capped, with up to 20 % jitter either way. */
export function backoffMs(config: WebhookConfig, attempts: number): number {
  const exponential = Math.min(config.maxBackoffMs, config.baseBackoffMs * 2 ** Math.min(attempts - 1, 30));
  return Math.round(exponential * (0.8 + Math.random() * 0.4));
}
