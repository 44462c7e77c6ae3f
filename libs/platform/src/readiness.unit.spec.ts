import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decideReadiness,
  healthBody,
  ReadinessRegistry,
  type ProbeOutcome,
  type ProbeReport,
} from './readiness.js';

const backlog = (n: number): ProbeOutcome => ({ ok: true, report: { backlog: n } });

describe('readiness: the rules', () => {
  const decide = (wasReady: boolean, probes: Record<string, ProbeOutcome>, databaseUp = true) =>
    decideReadiness({ wasReady, databaseUp, probes, threshold: 1_000 });

  it('after a start, is ready only when the database answers and every backlog is 0', () => {
    assert.equal(decide(false, {}).ready, true, 'no probes: the database alone');
    assert.equal(decide(false, { outbox: backlog(0), 'consumer-lag': backlog(0) }).ready, true);
    const behind = decide(false, { outbox: backlog(0), 'consumer-lag': backlog(1) });
    assert.equal(behind.ready, false);
    assert.deepEqual(Object.keys(behind.blocking), ['consumer-lag']);
    assert.equal(decide(false, { outbox: backlog(0) }, false).ready, false);
  });

  it('once ready, stays ready while every backlog stays under the threshold', () => {
    assert.equal(decide(true, { outbox: backlog(999), 'consumer-lag': backlog(500) }).ready, true);
    const over = decide(true, { outbox: backlog(1_000), 'consumer-lag': backlog(500) });
    assert.equal(over.ready, false);
    assert.match(over.blocking.outbox, /threshold of 1000/);
  });

  it('is not ready, even latched, while the database does not answer or a probe fails', () => {
    const db = decideReadiness({
      wasReady: true,
      databaseUp: false,
      databaseError: 'connection refused',
      probes: { outbox: backlog(0) },
      threshold: 1_000,
    });
    assert.deepEqual(db, { ready: false, blocking: { database: 'connection refused' } });
    const failed = decide(true, { outbox: backlog(0), 'consumer-lag': { ok: false, error: 'broker down' } });
    assert.equal(failed.ready, false);
    assert.match(failed.blocking['consumer-lag'], /broker down/);
  });
});

/** A registry over a fake database and fake probes whose answers the test sets. */
function fixture(options: { probeTimeoutMs?: number } = {}) {
  const state = { dbUp: true, outbox: 0 as number | Error, lag: 0 };
  const registry = new ReadinessRegistry('sharing', {
    database: async () => {
      if (!state.dbUp) throw new Error('database unreachable');
    },
    threshold: 1_000,
    ...options,
  });
  registry.register('outbox', async () => {
    if (state.outbox instanceof Error) throw state.outbox;
    return { backlog: state.outbox };
  });
  registry.register('consumer-lag', async () => ({
    backlog: state.lag,
    topics: { 'results.v1': state.lag },
  }));
  return { state, registry };
}

describe('readiness: the registry over fake probes', () => {
  it('is not ready while behind after a start, ready at 0, latched through a burst, and not ready past the threshold until 0 again', async () => {
    const { state, registry } = fixture();
    state.lag = 30;
    let r = await registry.check();
    assert.equal(r.ready, false);
    assert.deepEqual(r.backlog, { outbox: 0, 'consumer-lag': 30 });

    state.lag = 0;
    assert.equal((await registry.check()).ready, true);

    state.outbox = 400;
    state.lag = 900;
    r = await registry.check();
    assert.equal(r.ready, true, 'a burst under the threshold does not flap it');
    assert.deepEqual(r.backlog, { outbox: 400, 'consumer-lag': 900 });

    state.lag = 5_000;
    assert.equal((await registry.check()).ready, false, 'minutes behind');
    state.lag = 10;
    assert.equal((await registry.check()).ready, false, 'having fallen behind, it must catch up fully');
    state.lag = 0;
    state.outbox = 0;
    assert.equal((await registry.check()).ready, true);
  });

  it('drops readiness while the database does not answer, and needs a zero backlog to get it back', async () => {
    const { state, registry } = fixture();
    assert.equal((await registry.check()).ready, true);
    state.dbUp = false;
    state.outbox = 3;
    const down = await registry.check();
    assert.equal(down.ready, false);
    assert.deepEqual(down.database, { up: false, error: 'database unreachable' });
    state.dbUp = true;
    assert.equal((await registry.check()).ready, false);
    state.outbox = 0;
    assert.equal((await registry.check()).ready, true);
  });

  it('treats a throwing, hanging or nonsensical probe as a failure, reported with a null backlog', async () => {
    const { state, registry } = fixture({ probeTimeoutMs: 50 });
    state.outbox = new Error('relay stopped');
    let r = await registry.check();
    assert.equal(r.ready, false);
    assert.equal(r.backlog.outbox, null);
    assert.match(r.blocking.outbox, /relay stopped/);

    state.outbox = 0;
    registry.register('stuck', () => new Promise<ProbeReport>(() => undefined));
    r = await registry.check();
    assert.equal(r.ready, false);
    assert.match(r.blocking.stuck, /within 50 ms/);

    const unregister = registry.register('nan', async () => ({ backlog: Number.NaN }));
    r = await registry.check();
    assert.match(r.blocking.nan, /invalid backlog/);
    unregister();
    assert.deepEqual(registry.names(), ['outbox', 'consumer-lag', 'stuck']);
  });

  it('refuses a second probe under the same name', () => {
    const { registry } = fixture();
    assert.throws(() => registry.register('outbox', async () => ({ backlog: 0 })), /already registered/);
    assert.throws(() => registry.register('database', async () => ({ backlog: 0 })), /own check/);
  });

  it('shares one round between concurrent checks, and `current` reuses a fresh report', async () => {
    let calls = 0;
    let now = 0;
    const registry = new ReadinessRegistry('x', { database: async () => undefined, now: () => now });
    registry.register('outbox', async () => ({ backlog: ++calls }));
    const [a, b] = await Promise.all([registry.check(), registry.check()]);
    assert.equal(a, b);
    assert.equal(calls, 1);
    assert.equal(await registry.current(1_000), a);
    now = 1_000;
    assert.notEqual(await registry.current(1_000), a);
    assert.equal(calls, 2);
  });
});

describe('readiness: the health body', () => {
  it('reports ready, each backlog, and the indicators keeping it from being ready', async () => {
    const { state, registry } = fixture();
    state.lag = 12;
    const report = await registry.check();
    const health = healthBody(report, 'health');
    assert.equal(health.status, 'ok', '/health is about the database');
    assert.equal(health.ready, false);
    assert.deepEqual(health.backlog, { outbox: 0, 'consumer-lag': 12 });
    assert.deepEqual(Object.keys(health.info), ['database', 'outbox']);
    assert.deepEqual(Object.keys(health.error), ['consumer-lag']);
    assert.equal(health.details['consumer-lag'].backlog, 12);
    assert.deepEqual(health.details['consumer-lag'].topics, { 'results.v1': 12 });
    const ready = healthBody(report, 'ready');
    assert.equal(ready.status, 'error');
    assert.deepEqual({ ...ready, status: 'ok' }, health, 'the same body but for the status');
  });
});
