import type { DeadLetter, DeadLetters } from '#libs/messaging';
import { register, type Registry } from 'prom-client';
import { counterOnce } from './metric-once.js';

export function deadLetterMetrics(registry: Registry = register) {
  return {
    parked: counterOnce(
      'dead_letters_total',
      'Messages a consumer could not handle and parked (on <topic>.dlt, or stored in embedded mode), by consuming service and topic.',
      ['service', 'topic'] as const,
      registry,
    ),
  };
}

/** The service's dead letters, counted once each has been parked. */
export function countedDeadLetters(inner: DeadLetters, service: string, registry: Registry = register): DeadLetters {
  const { parked } = deadLetterMetrics(registry);
  return {
    put: async (letter: DeadLetter) => {
      await inner.put(letter);
      parked.inc({ service, topic: letter.topic });
    },
  };
}
