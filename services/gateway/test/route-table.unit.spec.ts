import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { httpRoutes, pathOf, routeKey, routeList, type PathParams } from '#libs/contracts';
import type { RunningService } from '#libs/platform';
import { servedRoutes, tableAccess, TestTokenIssuer } from '#libs/testing';
import type { ServiceName } from '../src/gateway.config.js';
import { isGuessLimited } from '../src/routes/guess-limit.js';
import { startGateway } from '../src/start-gateway.js';
import { PROBE_USER_AGENT } from '../src/upstreams/instance-probe.js';
import { raw } from './raw-request.js';

const names: ServiceName[] = ['identity', 'results', 'directory', 'sharing'];

describe('the gateway serves exactly the route table (libs/contracts/src/http/routes.ts)', () => {
  const seen: { service: ServiceName; method: string; path: string }[] = [];
  const fakes: Server[] = [];
  let issuer: TestTokenIssuer;
  let gateway: RunningService;

  before(async () => {
    const urls = {} as Record<ServiceName, string>;
    for (const service of names) {
      const server = createServer((req, res) => {
        // The gateway's balancer checks each instance's readiness: not a forwarded call.
        if (req.headers['user-agent'] === PROBE_USER_AGENT) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        seen.push({ service, method: req.method ?? '', path: req.url ?? '' });
        req.resume();
        req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      fakes.push(server);
      urls[service] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }
    issuer = await TestTokenIssuer.start();
    gateway = await startGateway(
      { services: urls, internal: urls, trustProxy: [], jwksUrl: () => issuer.jwksUrl, portalDir: null, rateLimitPerMinute: 10_000, guessLimitPerMinute: 1_000, logLevel: 'fatal' },
      0,
    );
  });

  after(async () => {
    await gateway?.close();
    await issuer?.stop();
    for (const server of fakes) await new Promise((resolve) => server.close(resolve));
  });

  it('declares one unique, exact /api/v1 route per table entry', () => {
    const keys = routeList().map(routeKey);
    assert.equal(new Set(keys).size, keys.length, 'no route twice');
    for (const route of routeList()) assert.match(route.path, /^\/api\/v1(\/[a-z0-9-]+|\/:[a-zA-Z]+)+$/, routeKey(route));
  });

  it('routes exactly the table under /api/v1, each with its roles (or public) and its rate-limit class', () => {
    const served = servedRoutes(gateway.app).filter((r) => r.path.startsWith('/api/v1/'));
    assert.deepEqual(served.map(routeKey).sort(), routeList().map(routeKey).sort());
    for (const route of routeList()) {
      const found = served.find((s) => routeKey(s) === routeKey(route))!;
      assert.equal(found.access, tableAccess(route), `${routeKey(route)}: access`);
      assert.equal(isGuessLimited(found.handler), route.rateLimit === 'guess', `${routeKey(route)}: guess limit`);
    }
  });

  it('forwards each route to its owning service, with its method and path', async () => {
    for (const [name, route] of Object.entries(httpRoutes)) {
      const params = Object.fromEntries([...route.path.matchAll(/:(\w+)/g)].map(([, p]) => [p, `${p}-1`])) as PathParams<string>;
      const path = pathOf(route.path as string, params);
      const headers: Record<string, string> = {};
      if (route.access !== 'public') {
        const role = route.access[0];
        headers['authorization'] = `Bearer ${await issuer.sign({ sub: 'a1', roles: [role], ...(role === 'candidate' ? { idn: 'C1' } : {}), ...(role === 'organisation' ? { org: 'o1' } : {}) })}`;
      }
      const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
      if (hasBody) headers['content-type'] = 'application/json';
      seen.length = 0;
      const r = await raw(gateway.url, route.method, path, { headers, ...(hasBody ? { body: '{}' } : {}) });
      assert.equal(r.status, 200, `${name}: ${r.body}`);
      assert.deepEqual(seen, [{ service: route.service, method: route.method, path }], name);
    }
  });
});
