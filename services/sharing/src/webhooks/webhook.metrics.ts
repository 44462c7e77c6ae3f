import { counterOnce } from '#libs/platform';
import { register, type Registry } from 'prom-client';
import type { DeliveryOutcome } from './webhook.delivery.js';

/**
 * What one delivery attempt came to: `delivered` (a 2xx), `rejected` (the receiver answered
 * something else), `refused` (the address is not a public one: checked again after DNS),
 * `unreachable` (no answer: timeout, connection error, or the secret could not be read),
 * `aborted` (the service was stopping).
 */
export type WebhookAttemptOutcome = 'delivered' | 'rejected' | 'refused' | 'unreachable' | 'aborted';

export function attemptOutcome(outcome: DeliveryOutcome): WebhookAttemptOutcome {
  if (outcome.delivered) return 'delivered';
  if (outcome.aborted) return 'aborted';
  if (outcome.refused !== undefined) return 'refused';
  return outcome.status > 0 ? 'rejected' : 'unreachable';
}

export function webhookMetrics(registry: Registry = register) {
  return {
    attempts: counterOnce(
      'webhook_delivery_attempts_total',
      'Webhook delivery attempts, by outcome: delivered (2xx), rejected (other status), refused (not a public address), unreachable (no answer), aborted (shutting down).',
      ['service', 'outcome'] as const,
      registry,
    ),
  };
}

/** Counts one attempt; every outcome but `delivered` and `aborted` is a failure that will be retried. */
export function countAttempt(service: string, outcome: DeliveryOutcome, registry: Registry = register): void {
  webhookMetrics(registry).attempts.inc({ service, outcome: attemptOutcome(outcome) });
}
