import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { RunningService } from '#libs/platform';
import type { ServiceName } from '../gateway.config.js';
import { startGateway } from '../start-gateway.js';
import { aggregateHealth, type GatewayHealth } from './service-health.js';

/** A stand-in service answering /health and /health/ready as the test says, and counting every other request. */
class FakeService {
  up = true;
  ready = true;
  backlog: Record<string, number> = { outbox: 0, 'consumer-lag': 0 };
  others: string[] = [];
  private server!: Server;
  private port = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const body = (ok: boolean) => ({
        status: ok ? 'ok' : 'error',
        ready: this.up && this.ready,
        backlog: this.backlog,
        info: {},
        error: this.ready ? {} : { 'consumer-lag': { status: 'down', message: 'backlog 1200, not caught up since the start' } },
        details: {},
      });
      const send = (ok: boolean) => {
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body(ok)));
      };
      if (req.url === '/health') return send(this.up);
      if (req.url === '/health/ready') return send(this.up && this.ready);
      this.others.push(`${req.method} ${req.url}`);
      res.writeHead(404).end();
    });
    // A restarted fake comes back on the same port.
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${this.port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('gateway: /health and /health/ready over the services', () => {
  const names: ServiceName[] = ['identity', 'results', 'directory', 'sharing'];
  const fakes = {} as Record<ServiceName, FakeService>;
  let gateway: RunningService;

  const get = async (path: string) => {
    const r = await fetch(`${gateway.url}${path}`);
    return { status: r.status, body: (await r.json()) as GatewayHealth };
  };

  before(async () => {
    for (const name of names) fakes[name] = await new FakeService().start();
    gateway = await startGateway(
      {
        // The fakes answer health on their one port; a real service serves it on its internal listener.
        services: Object.fromEntries(names.map((n) => [n, fakes[n].url])) as Record<ServiceName, string>,
        internal: Object.fromEntries(names.map((n) => [n, fakes[n].url])) as Record<ServiceName, string>,
        trustProxy: [],
        jwksUrl: () => `${fakes.identity.url}/.well-known/jwks.json`,
        portalDir: null,
        rateLimitPerMinute: 10_000,
        guessLimitPerMinute: 60,
        logLevel: 'warn',
      },
      0,
    );
  });

  after(async () => {
    await gateway?.close();
    for (const fake of Object.values(fakes)) await fake.stop();
  });

  it('answers 200 on both when every service is up and ready, without a token', async () => {
    const ready = await get('/health/ready');
    assert.equal(ready.status, 200);
    assert.equal(ready.body.status, 'ok');
    assert.equal(ready.body.ready, true);
    assert.deepEqual(Object.keys(ready.body.services).sort(), [...names].sort());
    const health = await get('/health');
    assert.equal(health.status, 200);
    assert.equal(health.body.ready, true);
  });

  it('answers 503 on /health/ready while one service is not ready, yet 200 on /health, with its backlog', async () => {
    fakes.sharing.ready = false;
    fakes.sharing.backlog = { outbox: 2, 'consumer-lag': 1_200 };
    try {
      const ready = await get('/health/ready');
      assert.equal(ready.status, 503);
      assert.equal(ready.body.ready, false);
      assert.deepEqual(ready.body.services.sharing, {
        status: 'down',
        ready: false,
        backlog: { outbox: 2, 'consumer-lag': 1_200 },
        httpStatus: 503,
        error: 'consumer-lag: backlog 1200, not caught up since the start',
      });
      assert.equal(ready.body.services.results.ready, true);

      const health = await get('/health');
      assert.equal(health.status, 200, 'launchers see every service up');
      assert.equal(health.body.status, 'ok');
      assert.equal(health.body.ready, false);
      assert.equal(health.body.services.sharing.status, 'up');
      assert.equal(health.body.services.sharing.ready, false);
      assert.deepEqual(health.body.services.sharing.backlog, { outbox: 2, 'consumer-lag': 1_200 });
    } finally {
      fakes.sharing.ready = true;
      fakes.sharing.backlog = { outbox: 0, 'consumer-lag': 0 };
    }
    assert.equal((await get('/health/ready')).status, 200, 'and 200 once it has caught up');
  });

  it('answers 503 on both while a service is down or unreachable', async () => {
    fakes.results.up = false;
    try {
      assert.equal((await get('/health')).status, 503);
      assert.equal((await get('/health/ready')).status, 503);
    } finally {
      fakes.results.up = true;
    }
    await fakes.directory.stop();
    try {
      const health = await get('/health');
      assert.equal(health.status, 503);
      assert.equal(health.body.services.directory.status, 'down');
      assert.equal(typeof health.body.services.directory.error, 'string');
      assert.equal((await get('/health/ready')).status, 503);
    } finally {
      await fakes.directory.start();
    }
  });

  it('documents /health and /health/ready in the merged OpenAPI, and forwards nothing else to the services', async () => {
    const r = await fetch(`${gateway.url}/api/docs-json`);
    assert.equal(r.status, 200);
    const doc = (await r.json()) as OpenAPIObject;
    assert.deepEqual(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/v1/')).sort(), ['/health', '/health/ready']);
    assert.deepEqual(doc.paths['/health/ready']?.get?.security, [], 'public');
    assert.ok(doc.components?.schemas?.GatewayHealth);
    assert.equal((await fetch(`${gateway.url}/health/live`)).status, 404);
    for (const fake of Object.values(fakes)) assert.deepEqual(fake.others.filter((r) => r !== 'GET /openapi.json'), []);
  });
});

describe('gateway: the aggregation', () => {
  it('is ready only when every service answered its /health/ready with 200', () => {
    const ok = { httpStatus: 200, body: { ready: true, backlog: { outbox: 0 } } };
    assert.equal(aggregateHealth({ identity: ok, results: ok }, 'ready').status, 'ok');
    const oneBehind = aggregateHealth({ identity: ok, results: { httpStatus: 503, body: { ready: false, backlog: { outbox: 9 } } } }, 'ready');
    assert.equal(oneBehind.status, 'error');
    assert.equal(oneBehind.ready, false);
    assert.deepEqual(oneBehind.services.results.backlog, { outbox: 9 });
    assert.equal(aggregateHealth({ identity: ok, results: { error: 'ECONNREFUSED' } }, 'ready').status, 'error');
  });

  it('on /health, is up while every service answers 200, and reads readiness from the bodies (absent: not ready)', () => {
    const health = aggregateHealth(
      { identity: { httpStatus: 200, body: { ready: true } }, results: { httpStatus: 200, body: { status: 'ok' } } },
      'health',
    );
    assert.equal(health.status, 'ok');
    assert.equal(health.ready, false);
    assert.equal(health.services.results.ready, false);
    assert.equal(aggregateHealth({ identity: { httpStatus: 503, body: null } }, 'health').status, 'error');
  });
});
