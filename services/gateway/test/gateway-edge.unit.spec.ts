import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { RunningService } from '#libs/platform';
import { TestTokenIssuer } from '#libs/testing';
import type { ServiceName } from '../src/gateway.config.js';
import { startGateway } from '../src/start-gateway.js';
import { PROBE_USER_AGENT } from '../src/upstreams/instance-probe.js';
import { raw } from './raw-request.js';

interface Seen {
  method: string;
  path: string;
  forwardedFor: string | undefined;
  body: string;
}

/** A stand-in service: records what reaches it; 401 on login, its "internals" on /metrics etc., 200 otherwise. */
async function fakeService(seen: Seen[]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    // The gateway's balancer checks each instance's readiness: not a forwarded call.
    if (req.headers['user-agent'] === PROBE_USER_AGENT) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const forwarded = req.headers['x-forwarded-for'];
      seen.push({ method: req.method ?? '', path: req.url ?? '', forwardedFor: typeof forwarded === 'string' ? forwarded : undefined, body: Buffer.concat(chunks).toString() });
      const status = req.url === '/api/v1/auth/login' ? 401 : 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ reached: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const json = (body: string, extra: Record<string, string> = {}) => ({ headers: { 'content-type': 'application/json', ...extra }, body });

describe('gateway: the HTTP edge', () => {
  const names: ServiceName[] = ['identity', 'results', 'directory', 'sharing'];
  const seen: Seen[] = [];
  const fakes: { server: Server; url: string }[] = [];
  let issuer: TestTokenIssuer;
  let gateway: RunningService;
  let behindProxy: RunningService;
  let org: string;

  const start = async (trustProxy: string[]) => {
    const urls = Object.fromEntries(names.map((n, i) => [n, fakes[i]?.url ?? ''])) as Record<ServiceName, string>;
    return startGateway(
      { services: urls, internal: urls, trustProxy, jwksUrl: () => issuer.jwksUrl, portalDir: null, rateLimitPerMinute: 10_000, guessLimitPerMinute: 60, logLevel: 'fatal' },
      0,
    );
  };

  before(async () => {
    for (let i = 0; i < names.length; i++) fakes.push(await fakeService(seen));
    issuer = await TestTokenIssuer.start();
    org = await issuer.sign({ sub: 'u1', roles: ['organisation'], org: 'o1' });
    gateway = await start([]);
    behindProxy = await start(['127.0.0.1']);
  });

  after(async () => {
    await gateway?.close();
    await behindProxy?.close();
    await issuer?.stop();
    for (const fake of fakes) await new Promise((resolve) => fake.server.close(resolve));
  });

  it('forwards a routed path rebuilt from its pattern: parameters percent-encoded, the query kept', async () => {
    seen.length = 0;
    const r = await raw(gateway.url, 'GET', '/api/v1/verification/AB%20C%3F1?lang=ja&x=a%20b', { headers: { authorization: `Bearer ${org}` } });
    assert.equal(r.status, 200);
    assert.deepEqual(
      seen.map((s) => s.path),
      ['/api/v1/verification/AB%20C%3F1?lang=ja&x=a+b'],
    );
  });

  it('never lets a traversal reach a service’s internals: 404, nothing forwarded', async () => {
    const paths = [
      '/api/v1/verification/..\\..\\..\\metrics',
      '/api/v1/verification/%2e%2e%5c%2e%2e%5c%2e%2e%5cmetrics',
      '/api/v1/verification/..%2f..%2f..%2fmetrics',
      '/api/v1/verification/..%2F..%2F..%2Fopenapi.json',
      '/api/v1/verification/..%5c..%5c..%5chealth',
      '/api/v1/verification/%2e%2e',
      '/api/v1/verification/../../../metrics',
      '/api/v1/institution/shares/..\\..\\..\\..\\metrics',
      '/api/v1/institution/shares/..%2f..%2f..%2f..%2fhealth%2fready',
      '/api/v1/me/results/..%5c..%5c..%5c..%5copenapi.json/statement',
    ];
    seen.length = 0;
    const candidate = await issuer.sign({ sub: 'c1', roles: ['candidate'], idn: 'C1' });
    for (const path of paths) {
      const token = path.startsWith('/api/v1/me/') ? candidate : org;
      const r = await raw(gateway.url, 'GET', path, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(r.status, 404, path);
      assert.equal((JSON.parse(r.body) as { statusCode: number }).statusCode, 404);
      assert.equal((JSON.parse(r.body) as { code: string }).code, 'ROUTE.NOT_FOUND', path);
    }
    assert.deepEqual(seen, [], 'no request reached a service');
  });

  it('answers 405 with Allow for an undeclared method on a routed path, 404 for an unknown path', async () => {
    const login = await raw(gateway.url, 'DELETE', '/api/v1/auth/login');
    assert.equal(login.status, 405);
    assert.equal(login.headers.allow, 'POST');
    assert.deepEqual(JSON.parse(login.body), {
      statusCode: 405,
      error: 'Method Not Allowed',
      code: 'ROUTE.METHOD_NOT_ALLOWED',
      message: 'DELETE is not allowed on /api/v1/auth/login; allowed: POST.',
    });
    const webhook = await raw(gateway.url, 'PATCH', '/api/v1/institution/webhook');
    assert.equal(webhook.status, 405);
    assert.equal(webhook.headers.allow, 'DELETE, GET, HEAD, PUT');
    const results = await raw(gateway.url, 'POST', '/api/v1/me/results/r1/statement');
    assert.equal(results.status, 405);
    assert.equal(results.headers.allow, 'GET, HEAD');
    const query = await raw(gateway.url, 'QUERY', '/api/v1/me/results', { headers: { authorization: `Bearer ${org}` } });
    assert.equal(query.status, 405, 'QUERY without a content type: 405 before any body is read, not a 400');
    assert.equal(query.headers.allow, 'GET, HEAD');
    const trace = await raw(gateway.url, 'TRACE', '/health');
    assert.equal(trace.status, 405, 'the gateway’s own routes too');
    assert.equal(trace.headers.allow, 'GET, HEAD');
    assert.equal((await raw(gateway.url, 'POST', '/health/ready', json('{}'))).status, 405);
    const nowhere = await raw(gateway.url, 'GET', '/api/v1/nowhere');
    assert.equal(nowhere.status, 404);
    assert.equal((JSON.parse(nowhere.body) as { code: string }).code, 'ROUTE.NOT_FOUND');
    const deeper = await raw(gateway.url, 'POST', '/api/v1/me/results/r1/nowhere');
    assert.equal(deeper.status, 404);
    assert.equal((JSON.parse(deeper.body) as { code: string }).code, 'ROUTE.NOT_FOUND');
  });

  it('ignores a client’s X-Forwarded-For: 65 failed logins with a different one each from one client meet the per-address limit', async () => {
    seen.length = 0;
    const statuses: number[] = [];
    for (let i = 0; i < 65; i++) {
      const r = await raw(gateway.url, 'POST', '/api/v1/auth/login', json('{"email":"a@example.com","password":"wrong password"}', { 'x-forwarded-for': `203.0.113.${i}` }));
      statuses.push(r.status);
    }
    assert.equal(statuses.filter((s) => s === 401).length, 60);
    assert.equal(statuses.filter((s) => s === 429).length, 5);
    assert.ok(seen.length > 0);
    assert.ok(
      seen.every((s) => s.forwardedFor === '127.0.0.1'),
      'the services are told the address the gateway saw, not the client’s header',
    );
  });

  it('checks the token before the rate limit: calls without a valid token are 401 and are not counted', async () => {
    seen.length = 0;
    const anonymous: number[] = [];
    for (let i = 0; i < 65; i++) anonymous.push((await raw(gateway.url, 'GET', '/api/v1/verification/ABCD1234')).status);
    assert.deepEqual([...new Set(anonymous)], [401], 'no 429 for calls that never passed authentication');
    assert.equal(seen.length, 0, 'nothing forwarded');
    const signedIn = (await raw(gateway.url, 'GET', '/api/v1/verification/ABCD1234', { headers: { authorization: `Bearer ${org}` } })).status;
    assert.equal(signedIn, 200, 'the anonymous calls did not spend the signed-in caller’s budget');
  });

  it('honours X-Forwarded-For only from a configured proxy (TRUST_PROXY)', async () => {
    seen.length = 0;
    const r = await raw(behindProxy.url, 'POST', '/api/v1/auth/password-reset', json('{"email":"a@example.com"}', { 'x-forwarded-for': '198.51.100.7' }));
    assert.equal(r.status, 200);
    assert.equal(seen[0]?.forwardedFor, '198.51.100.7');
  });

  it('refuses hostile bodies with a 400 before forwarding: lone surrogates, deep nesting, control and bidi characters', async () => {
    const cases: [string, string, RegExp][] = [
      ['/api/v1/auth/password-reset', '{"email":"a\\ud800@example.com"}', /email must be well-formed Unicode/],
      ['/api/v1/auth/password-reset', `${'['.repeat(2_000)}${']'.repeat(2_000)}`, /nests more than 32 levels/],
      ['/api/v1/auth/password-reset', `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`, /nests more than 32 levels/],
      ['/api/v1/candidates', '{"name":"Hanako\\u0000"}', /^name must not contain control characters$/],
      ['/api/v1/candidates', '{"name":"Hanako\\u202e"}', /name must not contain bidirectional/],
      ['/api/v1/candidates', '{"name":"tab\\there"}', /name must not contain control characters/],
      ['/api/v1/candidates', '{"accounts":[{"department":"x\\u0085"}]}', /accounts\[0\]\.department must not contain control characters/],
      ['/api/v1/candidates', '{"__proto__":{"admin":true}}', /not valid JSON/],
    ];
    seen.length = 0;
    for (const [path, body, message] of cases) {
      const r = await raw(gateway.url, 'POST', path, json(body));
      assert.equal(r.status, 400, body.slice(0, 40));
      const answer = JSON.parse(r.body) as { statusCode: number; error: string; message: string; code: string };
      assert.equal(answer.statusCode, 400);
      assert.equal(answer.error, 'Bad Request');
      assert.match(answer.message, message);
    }
    assert.deepEqual(seen, [], 'nothing was forwarded');
  });

  it('applies the text policy to query parameters, and forwards strings normalised to NFC', async () => {
    seen.length = 0;
    const bad = await raw(gateway.url, 'GET', '/api/v1/directory/search?q=a%00b', { headers: { authorization: `Bearer ${await issuer.sign({ sub: 'c1', roles: ['candidate'], idn: 'C1' })}` } });
    assert.equal(bad.status, 400);
    assert.match((JSON.parse(bad.body) as { message: string }).message, /^q must not contain control characters$/);
    assert.equal(seen.length, 0);
    const ok = await raw(gateway.url, 'POST', '/api/v1/candidates', json('{"name":"Cafe\\u0301"}'));
    assert.equal(ok.status, 200);
    assert.deepEqual(JSON.parse(seen[0]?.body ?? ''), { name: 'Caf\u00e9' });
  });
});
