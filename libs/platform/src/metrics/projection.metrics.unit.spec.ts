import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StoredEvent } from '#libs/event-store';
import type { Projection } from '#libs/projections';
import { Registry } from 'prom-client';
import { measuredProjection } from './projection.metrics.js';

const event = (version: number, occurredAt: string): StoredEvent => ({
  _id: `s-1@${version}`,
  eventId: `e${version}`,
  streamId: 's-1',
  version,
  type: 'Happened',
  schemaVersion: 1,
  data: {},
  metadata: { correlationId: 'c', causationId: null },
  occurredAt,
});

const line = (name: string) => new RegExp(`^${name}\\{service="svc",projection="things_view"\\} (\\S+)$`, 'm');
const value = async (registry: Registry, name: string) => Number(line(name).exec(await registry.metrics())?.[1]);

describe('platform: a measured projection', () => {
  it('counts what it applies and keeps the newest applied event as its position, in batches or one by one', async () => {
    const registry = new Registry();
    const applied: string[] = [];
    const inner: Projection = {
      name: 'things_view',
      apply: async (e) => void applied.push(e.eventId),
      applyBatch: async (batch) => void applied.push(...batch.map((e) => e.eventId)),
      reset: async () => undefined,
    };
    const measured = measuredProjection(inner, 'svc', registry);
    await measured.applyBatch!([event(1, '2026-12-01T10:00:00.000Z'), event(2, '2026-12-01T10:00:05.000Z')], { live: false });
    assert.equal(await value(registry, 'projection_events_total'), 2);
    assert.equal(await value(registry, 'projection_position_timestamp_seconds'), Date.parse('2026-12-01T10:00:05.000Z') / 1000);
    // An older event (a repeat, another stream) does not move the position back.
    await measured.apply(event(1, '2026-12-01T09:00:00.000Z'));
    assert.equal(await value(registry, 'projection_events_total'), 3);
    assert.equal(await value(registry, 'projection_position_timestamp_seconds'), Date.parse('2026-12-01T10:00:05.000Z') / 1000);
    assert.deepEqual(applied, ['e1', 'e2', 'e1']);
  });

  it('a failed batch counts as a failure, moves nothing else and still throws (the relay retries it)', async () => {
    const registry = new Registry();
    const inner: Projection = {
      name: 'things_view',
      apply: async () => {
        throw new Error('database away');
      },
      reset: async () => undefined,
    };
    const measured = measuredProjection(inner, 'svc', registry);
    assert.equal(measured.applyBatch, undefined, 'no batch path is made up for a projection without one');
    await assert.rejects(measured.apply(event(1, '2026-12-01T10:00:00.000Z')), /database away/);
    assert.equal(await value(registry, 'projection_failures_total'), 1);
    assert.doesNotMatch(await registry.metrics(), line('projection_events_total'));
  });
});
