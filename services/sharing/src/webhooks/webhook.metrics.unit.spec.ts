import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { attemptOutcome, countAttempt } from './webhook.metrics.js';

describe('sharing: webhook delivery attempts by outcome', () => {
  it('names each outcome of a delivery', () => {
    assert.equal(attemptOutcome({ delivered: true, status: 204 }), 'delivered');
    assert.equal(attemptOutcome({ delivered: false, status: 503 }), 'rejected');
    assert.equal(attemptOutcome({ delivered: false, status: 0, refused: 'private address' }), 'refused');
    assert.equal(attemptOutcome({ delivered: false, status: 0 }), 'unreachable');
    assert.equal(attemptOutcome({ delivered: false, status: 0, aborted: true }), 'aborted');
  });

  it('counts every attempt under its outcome', async () => {
    const registry = new Registry();
    countAttempt('sharing', { delivered: false, status: 500 }, registry);
    countAttempt('sharing', { delivered: false, status: 502 }, registry);
    countAttempt('sharing', { delivered: true, status: 200 }, registry);
    const text = await registry.metrics();
    assert.match(text, /^webhook_delivery_attempts_total\{service="sharing",outcome="rejected"\} 2$/m);
    assert.match(text, /^webhook_delivery_attempts_total\{service="sharing",outcome="delivered"\} 1$/m);
  });
});
