import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { RunningService } from '#libs/platform';
import { TestTokenIssuer } from '#libs/testing';
import type { GatewayConfig, ServiceName } from '../src/gateway.config.js';
import { startGateway } from '../src/start-gateway.js';
import { PROBE_USER_AGENT } from '../src/upstreams/instance-probe.js';
import { raw } from './raw-request.js';

interface Seen {
  service: ServiceName;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const names: ServiceName[] = ['identity', 'results', 'directory', 'sharing'];

/** A stand-in service that records what reaches it and answers with headers a gateway must not pass on. */
async function fakeService(service: ServiceName, seen: Seen[]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    // The gateway's balancer checks each instance's readiness: not a forwarded call.
    if (req.headers['user-agent'] === PROBE_USER_AGENT) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ service, method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      res
        .writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
          'content-disposition': 'inline; filename="x.json"',
          'retry-after': '7',
          'set-cookie': 'session=internal; HttpOnly',
          server: 'internal-service/1.2.3',
          'x-powered-by': 'Express',
          'x-internal-host': '10.0.0.12',
          'access-control-allow-origin': '*',
        })
        .end(JSON.stringify({ service, path: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A port nobody listens on: bound, then released. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('gateway: forwarding, request ids, fallbacks and throttles', () => {
  const seen: Seen[] = [];
  const fakes = new Map<ServiceName, { server: Server; url: string }>();
  const gateways: RunningService[] = [];
  let issuer: TestTokenIssuer;
  let gateway: RunningService;
  let portalDir: string;
  const tokens: Record<'candidate' | 'organisation' | 'operator' | 'examCentre', string> = { candidate: '', organisation: '', operator: '', examCentre: '' };
  const bearer = (role: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[role]}` });

  const start = async (overrides: Partial<GatewayConfig> = {}, services: Partial<Record<ServiceName, string>> = {}) => {
    const urls = Object.fromEntries(names.map((n) => [n, services[n] ?? fakes.get(n)?.url ?? ''])) as Record<ServiceName, string>;
    const running = await startGateway(
      { services: urls, internal: urls, trustProxy: [], jwksUrl: () => issuer.jwksUrl, portalDir: null, rateLimitPerMinute: 10_000, guessLimitPerMinute: 60, logLevel: 'fatal', ...overrides },
      0,
    );
    gateways.push(running);
    return running;
  };

  before(async () => {
    for (const name of names) fakes.set(name, await fakeService(name, seen));
    issuer = await TestTokenIssuer.start();
    tokens.candidate = await issuer.sign({ sub: 'c1', roles: ['candidate'], idn: 'C1' });
    tokens.organisation = await issuer.sign({ sub: 'u1', roles: ['organisation'], org: 'o1' });
    tokens.operator = await issuer.sign({ sub: 'op1', roles: ['operator'] });
    tokens.examCentre = await issuer.sign({ sub: 'ec1', roles: ['exam-centre'] });
    portalDir = await mkdtemp(join(tmpdir(), 'portal-'));
    await writeFile(join(portalDir, 'index.html'), '<!doctype html><title>portal</title><div id="app"></div>');
    gateway = await start({ portalDir });
  });

  after(async () => {
    for (const running of gateways) await running.close();
    await issuer?.stop();
    for (const fake of fakes.values()) await new Promise((resolve) => fake.server.close(resolve));
    if (portalDir) await rm(portalDir, { recursive: true, force: true });
  });

  it('sends every route to the service that owns it, with its method, path, query and body', async () => {
    const cases: [string, string, keyof typeof tokens | null, ServiceName, string?][] = [
      ['POST', '/api/v1/candidates', null, 'identity', '{"name":"Hanako"}'],
      ['POST', '/api/v1/auth/login', null, 'identity', '{"email":"a@example.com","password":"x"}'],
      ['POST', '/api/v1/auth/refresh', null, 'identity', '{"refreshToken":"r"}'],
      ['POST', '/api/v1/auth/password-reset', null, 'identity', '{"email":"a@example.com"}'],
      ['POST', '/api/v1/auth/password-reset/confirm', null, 'identity', '{"token":"t","password":"p"}'],
      ['GET', '/api/v1/me/results?limit=5', 'candidate', 'results'],
      ['GET', '/api/v1/me/results/r-1/statement?lang=ja', 'candidate', 'results'],
      ['POST', '/api/v1/me/shares', 'candidate', 'sharing', '{"resultId":"r-1","organisationId":"o1"}'],
      ['GET', '/api/v1/me/shares', 'candidate', 'sharing'],
      ['GET', '/api/v1/directory/search?q=Tokyo&limit=3', 'candidate', 'directory'],
      ['POST', '/api/v1/directory/invitations', 'candidate', 'directory', '{"email":"b@example.com"}'],
      ['POST', '/api/v1/directory/invitations/tok-123/accept', null, 'directory', '{"password":"p"}'],
      ['GET', '/api/v1/institution/shares?cursor=abc', 'organisation', 'sharing'],
      ['GET', '/api/v1/institution/shares/s-9', 'organisation', 'sharing'],
      ['GET', '/api/v1/institution/feed?after=12&limit=50', 'organisation', 'sharing'],
      ['PUT', '/api/v1/institution/webhook', 'organisation', 'sharing', '{"url":"https://hooks.example.com/results"}'],
      ['GET', '/api/v1/institution/webhook', 'organisation', 'sharing'],
      ['DELETE', '/api/v1/institution/webhook', 'organisation', 'sharing'],
      ['GET', '/api/v1/verification/ABCD-1234?lang=en', 'organisation', 'results'],
      ['GET', '/api/v1/verification/ABCD-1234', 'operator', 'results'],
      ['POST', '/api/v1/admin/entries', 'examCentre', 'results', '{"candidateIdn":"C1"}'],
      ['POST', '/api/v1/admin/results', 'examCentre', 'results', '{"entryId":"e1"}'],
      ['POST', '/api/v1/admin/organisations', 'operator', 'directory', '{"name":"Org"}'],
    ];
    for (const [method, path, role, service, body] of cases) {
      seen.length = 0;
      const headers: Record<string, string> = role ? bearer(role) : {};
      if (body) headers['content-type'] = 'application/json';
      const r = await raw(gateway.url, method, path, { headers, ...(body ? { body } : {}) });
      assert.equal(r.status, 200, `${method} ${path}: ${r.body}`);
      assert.equal(seen.length, 1, `${method} ${path} reached one service`);
      const [hit] = seen;
      assert.equal(hit?.service, service, `${method} ${path}`);
      assert.equal(hit?.method, method);
      assert.equal(hit?.path, path, 'same path and query upstream');
      if (body) assert.deepEqual(JSON.parse(hit?.body ?? ''), JSON.parse(body));
      else assert.equal(hit?.body, '');
      if (role) assert.equal(hit?.headers.authorization, `Bearer ${tokens[role]}`, 'the token goes on: the services verify it again');
    }
  });

  it('answers 503 with a request id when the service is down (connection refused), and the others still answer', async () => {
    const down = await start({}, { results: await closedPortUrl() });
    const r = await raw(down.url, 'GET', '/api/v1/me/results', { headers: bearer('candidate') });
    assert.equal(r.status, 503);
    const answer = JSON.parse(r.body) as { statusCode: number; error: string; code: string; message: string };
    assert.equal(answer.statusCode, 503);
    assert.equal(answer.code, 'SERVICE.UNAVAILABLE');
    assert.equal(answer.error, 'Service Unavailable');
    assert.match(answer.message, /results service is not answering/);
    assert.equal(r.headers['retry-after'], '2', 'every 503 the gateway makes says when to try again');
    assert.match(String(r.headers['x-request-id']), UUID);
    const shares = await raw(down.url, 'GET', '/api/v1/me/shares', { headers: bearer('candidate') });
    assert.equal(shares.status, 200, 'another service is unaffected');
  });

  it('passes on only the allowed response headers: no Set-Cookie, Server, X-Powered-By or other internals', async () => {
    const r = await raw(gateway.url, 'GET', '/api/v1/me/results', { headers: bearer('candidate') });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(r.headers['cache-control'], 'no-store');
    assert.equal(r.headers['content-disposition'], 'inline; filename="x.json"');
    assert.equal(r.headers['retry-after'], '7');
    for (const name of ['set-cookie', 'server', 'x-powered-by', 'x-internal-host', 'access-control-allow-origin']) {
      assert.equal(r.headers[name], undefined, `${name} must not reach the client`);
    }
    assert.deepEqual(JSON.parse(r.body), { service: 'results', path: '/api/v1/me/results' });
  });

  it('passes on only the allowed request headers: no Cookie, Forwarded, X-Forwarded-Host or custom headers', async () => {
    seen.length = 0;
    const r = await raw(gateway.url, 'GET', '/api/v1/me/results', {
      headers: {
        ...bearer('candidate'),
        accept: 'application/json',
        'accept-language': 'ja',
        'user-agent': 'probe/1.0',
        cookie: 'portal_session=secret',
        forwarded: 'for=203.0.113.9;host=evil.example',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'http',
        'x-user-roles': 'operator',
        'x-internal-token': 'guess',
        'proxy-authorization': 'Basic Zm9vOmJhcg==',
      },
    });
    assert.equal(r.status, 200);
    const headers = seen[0]?.headers ?? {};
    assert.equal(headers.accept, 'application/json');
    assert.equal(headers['accept-language'], 'ja');
    assert.equal(headers['user-agent'], 'probe/1.0');
    assert.equal(headers['x-forwarded-for'], '127.0.0.1');
    for (const name of ['cookie', 'forwarded', 'x-forwarded-host', 'x-forwarded-proto', 'x-user-roles', 'x-internal-token', 'proxy-authorization']) {
      assert.equal(headers[name], undefined, `${name} must not reach the service`);
    }
    const expected = new Set(['host', 'connection', 'authorization', 'accept', 'accept-language', 'user-agent', 'x-request-id', 'x-forwarded-for']);
    assert.deepEqual(Object.keys(headers).filter((name) => !expected.has(name)), [], 'nothing else');
  });

  it('gives each request an id, sends it to the service and back to the client; a sane client id is kept, any other replaced', async () => {
    seen.length = 0;
    const first = await raw(gateway.url, 'GET', '/api/v1/me/shares', { headers: bearer('candidate') });
    const second = await raw(gateway.url, 'GET', '/api/v1/me/shares', { headers: bearer('candidate') });
    const ids = [first, second].map((r) => String(r.headers['x-request-id']));
    for (const id of ids) assert.match(id, UUID);
    assert.notEqual(ids[0], ids[1], 'a new id per request');
    assert.deepEqual(seen.map((s) => s.headers['x-request-id']), ids, 'the service sees the same id');

    seen.length = 0;
    const kept = await raw(gateway.url, 'GET', '/api/v1/me/shares', { headers: { ...bearer('candidate'), 'x-request-id': 'client-trace_42' } });
    assert.equal(kept.headers['x-request-id'], 'client-trace_42');
    assert.equal(seen[0]?.headers['x-request-id'], 'client-trace_42');

    for (const hostile of ['a b', 'x'.repeat(101), '../../etc', 'id\u00e9']) {
      seen.length = 0;
      const r = await raw(gateway.url, 'GET', '/api/v1/me/shares', { headers: { ...bearer('candidate'), 'x-request-id': encodeURI(hostile) === hostile ? hostile : encodeURIComponent(hostile) } });
      const id = String(r.headers['x-request-id']);
      assert.match(id, UUID, `replaced: ${hostile}`);
      assert.equal(seen[0]?.headers['x-request-id'], id);
    }
  });

  it('answers an unknown /api path with a JSON 404, while other unknown paths load the portal (SPA fallback)', async () => {
    for (const path of ['/api/v1/nowhere', '/api/v2/me/results', '/api/nowhere?x=1']) {
      const r = await raw(gateway.url, 'GET', path);
      assert.equal(r.status, 404, path);
      assert.match(String(r.headers['content-type']), /application\/json/, path);
      const answer = JSON.parse(r.body) as { statusCode: number; error: string };
      assert.equal(answer.statusCode, 404);
      assert.equal(answer.error, 'Not Found');
    }
    for (const path of ['/', '/reset-password?token=abc', '/invitations/accept', '/apiary']) {
      const r = await raw(gateway.url, 'GET', path);
      assert.equal(r.status, 200, path);
      assert.match(String(r.headers['content-type']), /text\/html/, path);
      assert.match(r.body, /<title>portal<\/title>/, path);
    }
    assert.equal((await raw(gateway.url, 'GET', '/index.html')).status, 200, 'the portal’s files are served');
    const api = await raw(gateway.url, 'GET', '/api/v1/me/results', { headers: bearer('candidate') });
    assert.equal(JSON.parse(api.body).service, 'results', 'routed API paths are not shadowed by the portal');
  });

  it('limits each address to rateLimitPerMinute calls across all routes, then answers 429 with Retry-After without forwarding', async () => {
    const limited = await start({ rateLimitPerMinute: 5 });
    seen.length = 0;
    const statuses: number[] = [];
    const paths = ['/api/v1/me/results', '/api/v1/me/shares', '/api/v1/directory/search?q=Wased', '/api/v1/me/results', '/api/v1/me/shares', '/api/v1/directory/search?q=Oxf', '/api/v1/me/results'];
    for (const path of paths) statuses.push((await raw(limited.url, 'GET', path, { headers: bearer('candidate') })).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429], 'one budget for all routes, not one per route');
    assert.equal(seen.length, 5, 'the refused calls were not forwarded');
    const refused = await raw(limited.url, 'GET', '/api/v1/me/shares', { headers: bearer('candidate') });
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers['retry-after']) > 0, 'Retry-After tells the client when to come back');
    assert.equal((JSON.parse(refused.body) as { statusCode: number }).statusCode, 429);
  });

  it('applies guessLimitPerMinute (GATEWAY_GUESS_LIMIT) to the routes where guessing is possible, not to the others', async () => {
    const guarded = await start({ rateLimitPerMinute: 100, guessLimitPerMinute: 3 });
    const guesses: [string, string, Record<string, string>, string?][] = [
      ['GET', '/api/v1/verification/ABCD1234', bearer('organisation')],
      ['POST', '/api/v1/auth/login', { 'content-type': 'application/json' }, '{"email":"a@example.com","password":"x"}'],
      ['POST', '/api/v1/directory/invitations/tok/accept', { 'content-type': 'application/json' }, '{"password":"p"}'],
    ];
    for (const [method, path, headers, body] of guesses) {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await raw(guarded.url, method, path, { headers, ...(body ? { body } : {}) })).status);
      assert.deepEqual(statuses, [200, 200, 200, 429, 429], `${method} ${path}`);
    }
    const plain: number[] = [];
    for (let i = 0; i < 5; i++) plain.push((await raw(guarded.url, 'GET', '/api/v1/institution/feed', { headers: bearer('organisation') })).status);
    assert.deepEqual(plain, [200, 200, 200, 200, 200], 'the feed has only the general limit');
  });
});
