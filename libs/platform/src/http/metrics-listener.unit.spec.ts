import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { counterOnce } from '../metrics/metric-once.js';
import { startMetricsListener } from './metrics-listener.js';

describe('platform: the metrics-only listener (the gateway in distributed mode)', () => {
  it('serves the process registry on /metrics and nothing else', async () => {
    counterOnce('metrics_listener_probe_total', 'A probe of the metrics listener.', ['service']).inc({ service: 'gateway' });
    const listener = await startMetricsListener(0, '127.0.0.1');
    try {
      const metrics = await fetch(`${listener.url}/metrics`);
      assert.equal(metrics.status, 200);
      assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain/);
      const text = await metrics.text();
      assert.match(text, /^metrics_listener_probe_total\{service="gateway"\} 1$/m);
      assert.match(text, /^process_cpu_user_seconds_total /m);
      assert.equal((await fetch(`${listener.url}/health`)).status, 404);
    } finally {
      await listener.close();
    }
  });
});
