import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { counterOnce, gaugeOnce } from './metric-once.js';

describe('platform: metrics registered once per registry', () => {
  it('a second registration answers the metric already there, so both callers move one series', async () => {
    const registry = new Registry();
    counterOnce('things_total', 'Things.', ['service'], registry).inc({ service: 'a' });
    counterOnce('things_total', 'Things.', ['service'], registry).inc({ service: 'a' }, 2);
    assert.match(await registry.metrics(), /^things_total\{service="a"\} 3$/m);
  });

  it('a name taken by another type is an error, not a silent mix-up', () => {
    const registry = new Registry();
    gaugeOnce('level', 'A level.', [], registry);
    assert.throws(() => counterOnce('level', 'A level.', [], registry), /already registered as another type/);
  });
});
