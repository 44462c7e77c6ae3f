import assert from 'node:assert/strict';
import { lookup } from 'node:dns/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { RunningService } from '#libs/platform';
import { TestTokenIssuer } from '#libs/testing';
import type { GatewayConfig, ServiceName } from '../src/gateway.config.js';
import { startGateway } from '../src/start-gateway.js';
import { instanceId } from '../src/upstreams/upstream-instance.js';
import { FakeInstance } from './instance.fake.js';
import { raw, type RawAnswer } from './raw-request.js';

const names: ServiceName[] = ['identity', 'results', 'directory', 'sharing'];
const VERIFY = '/api/v1/verification/ABCD1234';
const LOGIN = '/api/v1/auth/login';
const login = { headers: { 'content-type': 'application/json' }, body: '{"email":"a@example.com","password":"x"}' };

describe('gateway: a service with several instances', () => {
  const gateways: RunningService[] = [];
  const fakes: FakeInstance[] = [];
  let issuer: TestTokenIssuer;
  let auth: Record<string, string>;
  let dir: string;

  /** Instances of `results` and `identity`; one stand-in each for the other services. */
  const instances = async (count: number) => {
    const made = [];
    for (let i = 0; i < count; i++) made.push(await new FakeInstance(`i${i}`).start());
    fakes.push(...made);
    return made;
  };
  const start = async (results: FakeInstance[], discovery: GatewayConfig['discovery'] = { checkIntervalMs: 100 }, identity = results) => {
    const [other] = await instances(1);
    const urls = (name: ServiceName) => (name === 'results' ? results.map((f) => f.url) : name === 'identity' ? identity.map((f) => f.url) : [other.url]);
    const services = Object.fromEntries(names.map((n) => [n, urls(n)])) as Record<ServiceName, string[]>;
    const gateway = await startGateway(
      { services, internal: services, discovery, trustProxy: [], jwksUrl: () => issuer.jwksUrl, portalDir: null, rateLimitPerMinute: 100_000, guessLimitPerMinute: 10_000, logLevel: 'fatal' },
      0,
    );
    gateways.push(gateway);
    return gateway;
  };
  const verify = (gateway: RunningService): Promise<RawAnswer> => raw(gateway.url, 'GET', VERIFY, { headers: auth });
  const spread = async (gateway: RunningService, calls: number, of: FakeInstance[]) => {
    for (const f of of) f.hits = [];
    const answers: RawAnswer[] = [];
    for (let i = 0; i < calls; i++) answers.push(await verify(gateway));
    return { statuses: [...new Set(answers.map((a) => a.status))], hits: of.map((f) => f.hits.length), servedBy: answers.map((a) => a.headers['x-served-by']) };
  };
  /** Waits (up to 3 s) until the balancer's checks have seen every instance at least `rounds` more times. */
  const checked = async (of: FakeInstance[], rounds = 2) => {
    const from = of.map((f) => f.checks);
    const deadline = Date.now() + 3_000;
    while (of.some((f, i) => f.checks < from[i] + rounds) && Date.now() < deadline) await sleep(20);
  };

  before(async () => {
    issuer = await TestTokenIssuer.start();
    auth = { authorization: `Bearer ${await issuer.sign({ sub: 'u1', roles: ['organisation'], org: 'o1' })}` };
    dir = await mkdtemp(join(tmpdir(), 'upstreams-'));
  });

  after(async () => {
    for (const g of gateways) await g.close();
    for (const f of fakes) await f.stop();
    await issuer?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('spreads requests round robin over the ready instances, naming the one that answered in x-served-by', async () => {
    const results = await instances(3);
    const gateway = await start(results);
    await checked(results);
    const { statuses, hits, servedBy } = await spread(gateway, 30, results);
    assert.deepEqual(statuses, [200]);
    assert.deepEqual(hits, [10, 10, 10]);
    assert.deepEqual(new Set(servedBy), new Set(results.map((f) => `results-${instanceId(f.url)}`)));
  });

  it('stops sending to an instance whose /health/ready is not 200, and resumes when it is again', async () => {
    const results = await instances(2);
    const [a, b] = results as [FakeInstance, FakeInstance];
    const gateway = await start(results);
    b.mode = 'not-ready';
    await checked(results);
    assert.deepEqual((await spread(gateway, 10, results)).hits, [10, 0], 'the not-ready one gets nothing');
    b.mode = 'ready';
    await checked(results);
    assert.deepEqual((await spread(gateway, 10, results)).hits, [5, 5], 'and its share again once ready');
    // None ready (both catching up after a start): still served, rather than refusing the whole API.
    a.mode = 'not-ready';
    b.mode = 'not-ready';
    await checked(results);
    const caughtUp = await spread(gateway, 4, results);
    assert.deepEqual(caughtUp.statuses, [200]);
    assert.deepEqual(caughtUp.hits, [2, 2]);
  });

  it('retries a refused connection once on another instance (any method), and stops sending to the gone one', async () => {
    const results = await instances(2);
    const identity = await instances(2);
    // Checks far apart: the refusals themselves must steer the balancer, not the checker.
    const gateway = await start(results, { checkIntervalMs: 60_000 }, identity);
    await results[1].stop();
    await identity[1].stop();
    const gets = await spread(gateway, 6, results);
    assert.deepEqual(gets.statuses, [200], 'no call failed');
    assert.equal(gets.hits[0], 6);
    for (const f of identity) f.hits = [];
    for (let i = 0; i < 4; i++) assert.equal((await raw(gateway.url, 'POST', LOGIN, login)).status, 200, 'a refused POST is retried: the service never saw it');
    assert.deepEqual(identity[0].hits, Array(4).fill(`POST ${LOGIN}`));
  });

  it('retries a GET whose connection was reset before any answer, never a POST (the service may have applied it)', async () => {
    const results = await instances(2);
    const identity = await instances(2);
    const gateway = await start(results, { checkIntervalMs: 60_000 }, identity);
    results[1].mode = 'reset';
    identity[1].mode = 'reset';
    const gets = await spread(gateway, 4, results);
    assert.deepEqual(gets.statuses, [200]);
    assert.ok(results[1].hits.length >= 1, 'the resetting instance was tried');
    assert.equal(results[0].hits.length, 4, 'and every GET answered by the other');
    const posts: RawAnswer[] = [];
    for (let i = 0; i < 2; i++) posts.push(await raw(gateway.url, 'POST', LOGIN, login));
    const reset = posts.filter((p) => p.status === 503);
    assert.ok(identity[1].hits.length >= 1, 'a POST met the resetting instance');
    assert.equal(reset.length, identity[1].hits.length, 'each POST the resetting instance took is a 503, not retried');
    for (const p of reset) assert.equal(p.headers['retry-after'], '2');
  });

  it('answers 503 with Retry-After and SERVICE.UNAVAILABLE when no instance answers, and serves again when one is back', async () => {
    const results = await instances(2);
    const gateway = await start(results);
    for (const f of results) await f.stop();
    await sleep(300);
    const r = await verify(gateway);
    assert.equal(r.status, 503);
    assert.equal(r.headers['retry-after'], '2');
    const body = JSON.parse(r.body) as { statusCode: number; code: string; error: string; message: string };
    assert.deepEqual([body.statusCode, body.code, body.error], [503, 'SERVICE.UNAVAILABLE', 'Service Unavailable']);
    assert.match(body.message, /results service is not answering/);
    const health = await raw(gateway.url, 'GET', '/health/ready');
    assert.equal(health.status, 503, 'the gateway is not ready while a service has no ready instance');
    await results[1].start();
    await checked([results[1]]);
    assert.equal((await verify(gateway)).status, 200);
    const ready = JSON.parse((await raw(gateway.url, 'GET', '/health/ready')).body) as { services: Record<string, { ready: boolean; instances?: unknown }> };
    assert.equal(ready.services.results?.ready, true, 'one ready instance of two makes the service ready');
    assert.deepEqual(ready.services.results?.instances, { total: 2, up: 1, ready: 1 });
  });

  it('resolves a host name into one instance per address, on the same ports (compose --scale)', async () => {
    const [a] = (await instances(1)) as [FakeInstance];
    const port = new URL(a.url).port;
    const named = `http://${hostname()}:${port}`;
    const addresses = (await lookup(hostname(), { all: true })).map((x) => (x.family === 6 ? `[${x.address}]` : x.address));
    // Every service configured by the machine's name instead of an address.
    const byName = await startGateway(
      {
        services: { identity: named, results: named, directory: named, sharing: named },
        internal: { identity: named, results: named, directory: named, sharing: named },
        discovery: { checkIntervalMs: 100 },
        trustProxy: [],
        jwksUrl: () => issuer.jwksUrl,
        portalDir: null,
        rateLimitPerMinute: 100_000,
        guessLimitPerMinute: 10_000,
        logLevel: 'fatal',
      },
      0,
    );
    gateways.push(byName);
    await checked([a]);
    const { statuses, servedBy } = await spread(byName, 4, [a]);
    assert.deepEqual(statuses, [200]);
    assert.equal(a.hits.length, 4);
    const expected = new Set(addresses.map((address) => `results-${instanceId(`http://${address}:${port}`)}`));
    for (const id of servedBy) assert.ok(expected.has(String(id)), `${String(id)} is one of ${hostname()}'s addresses (${addresses.join(', ')}), not the name`);
  });

  it('takes instances from UPSTREAMS_FILE as it changes, without a restart', async () => {
    const [a, b] = (await instances(2)) as [FakeInstance, FakeInstance];
    const file = join(dir, 'upstreams.json');
    const list = (...of: FakeInstance[]) => writeFile(file, JSON.stringify({ results: of.map((f) => ({ url: f.url, internalUrl: f.url })) }));
    await list(a);
    const gateway = await start([a], { file, checkIntervalMs: 100 });
    await checked([a]);
    assert.deepEqual((await spread(gateway, 4, [a, b])).hits, [4, 0]);
    await list(a, b);
    await checked([b]);
    assert.deepEqual((await spread(gateway, 4, [a, b])).hits, [2, 2], 'the added instance gets its share');
    await writeFile(file, '{"results": [{"url": "not a url"}]}');
    await sleep(300);
    assert.deepEqual((await spread(gateway, 4, [a, b])).hits, [2, 2], 'a bad file is ignored: the last good lists stay');
  });
});
