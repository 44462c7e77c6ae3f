import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { newInstance, type UpstreamInstance } from '../upstreams/upstream-instance.js';
import type { UpstreamPool } from '../upstreams/upstream-pool.js';
import { closingAnswer, ServiceProxy, type ProxiedReply } from './service.proxy.js';

/** Fastify's own answer while an instance drains (return503OnClosing), byte for byte. */
const CLOSING = '{"error":"Service Unavailable","message":"Service Unavailable","statusCode":503}';

async function listen(answer: (path: string) => { status: number; body: string; headers?: Record<string, string> }): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const { status, body, headers } = answer(req.url ?? '');
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

/** The pool's two calls the proxy makes, over a fixed list of instances (first not excluded). */
function poolOf(instances: UpstreamInstance[]): { pool: UpstreamPool; down: string[] } {
  const down: string[] = [];
  const pool = {
    pick: (_service: string, exclude: ReadonlySet<string>) => instances.find((i) => !exclude.has(i.url) && i.state !== 'down') ?? null,
    markDown: (i: UpstreamInstance) => {
      i.state = 'down';
      down.push(i.url);
    },
  } as unknown as UpstreamPool;
  return { pool, down };
}

function recordingReply(): { reply: ProxiedReply; sent: { status: number; headers: Record<string, string>; body: unknown } } {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const reply: ProxiedReply = {
    status(code) {
      sent.status = code;
      return reply;
    },
    header(name, value) {
      sent.headers[name.toLowerCase()] = value;
      return reply;
    },
    send(body) {
      sent.body = body;
    },
  };
  return { reply, sent };
}

const request = { method: 'GET', url: '/api/v1/me', headers: {}, routeOptions: { url: '/api/v1/me' } };

describe('gateway proxy: an instance that is closing, and 503s', () => {
  let closing: Awaited<ReturnType<typeof listen>>;
  let healthy: Awaited<ReturnType<typeof listen>>;
  let busy: Awaited<ReturnType<typeof listen>>;
  before(async () => {
    closing = await listen(() => ({ status: 503, body: CLOSING, headers: { connection: 'close' } }));
    healthy = await listen(() => ({ status: 200, body: '{"ok":true}' }));
    busy = await listen(() => ({ status: 503, body: '{"statusCode":503,"code":"SERVICE.UNAVAILABLE","message":"try again"}' }));
  });
  after(() => {
    for (const s of [closing, healthy, busy]) s.server.close();
  });

  it('recognises only the draining answer as closing (a service 503 with a code is an answer)', () => {
    assert.equal(closingAnswer({ status: 503, body: Buffer.from(CLOSING) }), true);
    assert.equal(closingAnswer({ status: 503, body: Buffer.from('{"statusCode":503,"code":"SERVICE.UNAVAILABLE"}') }), false);
    assert.equal(closingAnswer({ status: 200, body: Buffer.from(CLOSING) }), false);
  });

  it('sends a request an instance refused while closing to another instance, and skips the closing one', async () => {
    const instances = [newInstance('identity', closing.url, closing.url), newInstance('identity', healthy.url, healthy.url)];
    const { pool, down } = poolOf(instances);
    const { reply, sent } = recordingReply();
    await new ServiceProxy(pool).forward('identity', request, reply);
    assert.equal(sent.status, 200);
    assert.equal(String(sent.body), '{"ok":true}');
    assert.equal(sent.headers['x-served-by'], instances[1].id);
    assert.deepEqual(down, [instances[0].url]);
    assert.equal(closing.hits.length, 1);
    assert.equal(healthy.hits.length, 1);
  });

  it('answers its own 503 with Retry-After when the only instance is closing', async () => {
    const { pool } = poolOf([newInstance('identity', closing.url, closing.url)]);
    const { reply, sent } = recordingReply();
    await new ServiceProxy(pool).forward('identity', request, reply);
    assert.equal(sent.status, 503);
    assert.equal(sent.headers['retry-after'], '2');
    assert.equal((sent.body as { code: string }).code, 'SERVICE.UNAVAILABLE');
  });

  it("passes on a service's own 503, adding Retry-After when it has none", async () => {
    const { pool, down } = poolOf([newInstance('identity', busy.url, busy.url)]);
    const { reply, sent } = recordingReply();
    await new ServiceProxy(pool).forward('identity', request, reply);
    assert.equal(sent.status, 503);
    assert.equal(sent.headers['retry-after'], '2');
    assert.match(String(sent.body), /SERVICE\.UNAVAILABLE/);
    assert.deepEqual(down, [], 'an instance that answered is not marked down');
  });
});
