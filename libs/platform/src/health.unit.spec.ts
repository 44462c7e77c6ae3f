import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Module, type DynamicModule } from '@nestjs/common';
import { InProcessBus } from '#libs/messaging';
import { startService, type RunningService } from './bootstrap.js';
import { embeddedInfrastructure } from './infrastructure.factory.js';
import type { ServiceInfrastructure } from './infrastructure.js';
import { PlatformModule } from './platform.module.js';
import { CONSUMER_LAG_PROBE, OUTBOX_PROBE, ReadinessRegistry } from './readiness.js';

@Module({})
class BareServiceModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    return { module: BareServiceModule, imports: [PlatformModule.register(infra)] };
  }
}

/** A service app with only the platform (as in embedded mode: several in one process), its database and probes faked. */
async function start(name: string, dataDir: string, bus: InProcessBus) {
  const infra = await embeddedInfrastructure(name, {
    dataDir,
    bus,
    jwksUrl: () => 'http://127.0.0.1:9/jwks',
    publicUrl: '',
    logLevel: 'warn',
  });
  const state = { dbUp: true, outbox: 0, lag: { 'results.v1': 0, 'directory.v1': 0 } };
  const ping = infra.documents.ping.bind(infra.documents);
  infra.documents.ping = async () => {
    if (!state.dbUp) throw new Error('database unreachable');
    await ping();
  };
  const service = await startService(BareServiceModule.register(infra), infra, { port: 0, consumes: false });
  return { infra, state, service };
}

/** The internal listener: health, metrics and the OpenAPI document live there, not on the API port. */
async function get(service: RunningService, path: string) {
  const r = await fetch(`${service.internalUrl}${path}`);
  const text = await r.text();
  return {
    status: r.status,
    text,
    body: r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null,
  };
}

describe('platform: /health, /health/live, /health/ready and /metrics of a service, on its internal listener', () => {
  const bus = new InProcessBus();
  let dataDir: string;
  let alpha: Awaited<ReturnType<typeof start>>;
  let beta: Awaited<ReturnType<typeof start>>;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'health-'));
    alpha = await start('alpha', dataDir, bus);
    beta = await start('beta', dataDir, bus);
    const registry = alpha.service.app.get(ReadinessRegistry);
    registry.register(OUTBOX_PROBE, async () => ({ backlog: alpha.state.outbox }));
    registry.register(CONSUMER_LAG_PROBE, async () => {
      const topics = { ...alpha.state.lag };
      return { backlog: Object.values(topics).reduce((a, b) => a + b, 0), topics };
    });
  });

  after(async () => {
    await alpha?.service.close();
    await beta?.service.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('each app has its own registry; with no probes registered, ready means the database answers', async () => {
    assert.notEqual(alpha.service.app.get(ReadinessRegistry), beta.service.app.get(ReadinessRegistry));
    const ready = await get(beta.service, '/health/ready');
    assert.equal(ready.status, 200);
    assert.equal(ready.body.ready, true);
    assert.deepEqual(ready.body.backlog, {});
    assert.equal((await get(beta.service, '/health/live')).status, 200);
  });

  it('answers 503 on /health/ready while behind after the start, 200 on /health with the backlog', async () => {
    alpha.state.lag['results.v1'] = 40;
    const ready = await get(alpha.service, '/health/ready');
    assert.equal(ready.status, 503);
    assert.equal(ready.body.ready, false);
    assert.equal(ready.body.status, 'error');
    assert.deepEqual(ready.body.backlog, { outbox: 0, 'consumer-lag': 40 });
    assert.match(ready.body.error['consumer-lag'].message, /backlog 40/);
    const health = await get(alpha.service, '/health');
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'ok');
    assert.equal(health.body.ready, false);
    assert.deepEqual(health.body.backlog, { outbox: 0, 'consumer-lag': 40 });
    assert.deepEqual(health.body.details['consumer-lag'].topics, { 'results.v1': 40, 'directory.v1': 0 });
  });

  it('exports service_ready, outbox_backlog and consumer_lag per service and topic when scraped', async () => {
    alpha.state.outbox = 7;
    alpha.state.lag['directory.v1'] = 3;
    await new Promise((resolve) => setTimeout(resolve, 1_050)); // past the scrape cache
    const metrics = await get(alpha.service, '/metrics');
    assert.equal(metrics.status, 200);
    assert.match(metrics.text, /^service_ready\{service="alpha"\} 0$/m);
    assert.match(metrics.text, /^service_ready\{service="beta"\} 1$/m);
    assert.match(metrics.text, /^outbox_backlog\{service="alpha"\} 7$/m);
    assert.doesNotMatch(metrics.text, /^outbox_backlog\{service="beta"\}/m, 'no outbox probe, no series');
    assert.match(metrics.text, /^consumer_lag\{service="alpha",topic="results.v1"\} 40$/m);
    assert.match(metrics.text, /^consumer_lag\{service="alpha",topic="directory.v1"\} 3$/m);
    assert.match(metrics.text, /^readiness_backlog\{service="alpha",probe="outbox"\} 7$/m);
  });

  it('serves Prometheus text with the process’s default metrics beside the service’s own', async () => {
    const r = await fetch(`${alpha.service.internalUrl}/metrics`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await r.text();
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) {
      assert.match(text, new RegExp(`^# TYPE ${name} `, 'm'), name);
      assert.match(text, new RegExp(`^${name}(\\{[^}]*\\})? [0-9.e+-]+$`, 'm'), name);
    }
    assert.match(text, /^# TYPE service_ready gauge$/m);
    assert.match(text, /^# TYPE outbox_backlog gauge$/m);
    assert.match(text, /^# TYPE consumer_lag gauge$/m);
  });

  it('becomes ready at 0, stays ready through a burst, and drops past the threshold', async () => {
    alpha.state.outbox = 0;
    alpha.state.lag = { 'results.v1': 0, 'directory.v1': 0 };
    assert.equal((await get(alpha.service, '/health/ready')).status, 200);
    alpha.state.outbox = 600;
    const burst = await get(alpha.service, '/health/ready');
    assert.equal(burst.status, 200);
    assert.deepEqual(burst.body.backlog, { outbox: 600, 'consumer-lag': 0 });
    alpha.state.lag['results.v1'] = 1_500;
    assert.equal((await get(alpha.service, '/health/ready')).status, 503);
    alpha.state.lag['results.v1'] = 0;
    alpha.state.outbox = 0;
    assert.equal((await get(alpha.service, '/health/ready')).status, 200);
  });

  it('answers 503 on /health and /health/ready while the database does not answer, and 200 on /health/live', async () => {
    alpha.state.dbUp = false;
    try {
      const health = await get(alpha.service, '/health');
      assert.equal(health.status, 503);
      assert.equal(health.body.error.database.status, 'down');
      assert.equal((await get(alpha.service, '/health/ready')).status, 503);
      const live = await get(alpha.service, '/health/live');
      assert.equal(live.status, 200);
      assert.equal(live.body.service, 'alpha');
    } finally {
      alpha.state.dbUp = true;
    }
    assert.equal((await get(alpha.service, '/health')).status, 200);
  });

  it('serves none of them on the API port the gateway forwards to', async () => {
    // Last: a scrape of /metrics asks every registry in the process, which latches readiness.
    assert.notEqual(beta.service.internalUrl, beta.service.url);
    for (const path of ['/health', '/health/live', '/health/ready', '/metrics', '/openapi.json']) {
      assert.equal((await fetch(`${beta.service.url}${path}`)).status, 404, `API port ${path}`);
      assert.equal((await get(beta.service, path)).status, 200, `internal ${path}`);
    }
    const doc = await get(beta.service, '/openapi.json');
    assert.equal(doc.body.info.title, 'beta service');
  });
});
