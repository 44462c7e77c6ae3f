import type { StoredEvent } from '#libs/event-store';
import type { ApplyContext, Projection } from '#libs/projections';
import { register, type Registry } from 'prom-client';
import { counterOnce, gaugeOnce } from './metric-once.js';

const LABELS = ['service', 'projection'] as const;

export function projectionMetrics(registry: Registry = register) {
  return {
    events: counterOnce(
      'projection_events_total',
      'Events handed to a read model, inline after a write or by the outbox relay (repeats included: its versioned writes make them no-ops).',
      LABELS,
      registry,
    ),
    failures: counterOnce(
      'projection_failures_total',
      'Batches a read model failed to apply (the outbox relay retries them).',
      LABELS,
      registry,
    ),
    position: gaugeOnce(
      'projection_position_timestamp_seconds',
      'How far a read model has applied: when the newest event it has applied occurred (Unix seconds).',
      LABELS,
      registry,
    ),
  };
}

/**
 * The projection, measured: what it applies moves its counter and its position (read models keep
 * a version per document, not one position, so the position is the newest applied event's time).
 */
export function measuredProjection(projection: Projection, service: string, registry: Registry = register): Projection {
  const { events, failures, position } = projectionMetrics(registry);
  const labels = { service, projection: projection.name };
  let newest = 0;
  const measure = async (batch: readonly StoredEvent[], apply: () => Promise<void>): Promise<void> => {
    try {
      await apply();
    } catch (error) {
      failures.inc(labels);
      throw error;
    }
    events.inc(labels, batch.length);
    for (const event of batch) newest = Math.max(newest, Date.parse(event.occurredAt) || 0);
    if (newest > 0) position.set(labels, newest / 1000);
  };
  const applyBatch = projection.applyBatch?.bind(projection);
  return {
    name: projection.name,
    apply: (event) => measure([event], () => projection.apply(event)),
    reset: () => projection.reset(),
    ...(applyBatch
      ? { applyBatch: (batch: readonly StoredEvent[], context: ApplyContext) => measure(batch, () => applyBatch(batch, context)) }
      : {}),
  };
}
