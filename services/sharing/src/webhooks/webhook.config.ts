import type { WebhookKeyring } from './webhook-secret.cipher.js';

/** How the webhook worker behaves; read from the environment once, at boot (readWebhookConfig in ../config.ts). */
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

/** Exponential backoff after `attempts` failures (1 → base), capped, with up to 20 % jitter either way. */
export function backoffMs(config: WebhookConfig, attempts: number): number {
  const exponential = Math.min(config.maxBackoffMs, config.baseBackoffMs * 2 ** Math.min(attempts - 1, 30));
  return Math.round(exponential * (0.8 + Math.random() * 0.4));
}
