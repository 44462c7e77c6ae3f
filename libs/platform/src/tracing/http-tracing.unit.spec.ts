import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { context, propagation, trace } from '@opentelemetry/api';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { traceHttpRequests } from './http-tracing.js';
import { shutdownTracing, startTracing } from './tracing.js';

interface Exported {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: number | string } }[];
}

describe('traceHttpRequests: a server span per request, the handler inside it', () => {
  const bodies: string[] = [];
  const collector = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const exported = (): Exported[] =>
    bodies.flatMap((b) => (JSON.parse(b) as { resourceSpans: { scopeSpans: { spans: Exported[] }[] }[] }).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));

  before(async () => {
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    trace.disable();
    propagation.disable();
    context.disable();
    await new Promise<void>((resolve) => collector.close(() => resolve()));
  });

  it('without tracing started adds no hooks', async () => {
    const server = new FastifyAdapter().getInstance();
    traceHttpRequests(server);
    let seen: unknown = 'unset';
    server.get('/x', async () => {
      seen = trace.getActiveSpan();
      return {};
    });
    await server.inject({ method: 'GET', url: '/x', headers: { traceparent: `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01` } });
    assert.equal(seen, undefined);
    await server.close();
  });

  it('continues the caller\'s traceparent, names the span after the route, keeps it active past the body, and skips unsent health probes', async () => {
    const { port } = collector.address() as { port: number };
    startTracing('sharing', { tracesUrl: `http://127.0.0.1:${port}/v1/traces`, scheduleDelayMs: 60_000 });
    const server = new FastifyAdapter().getInstance();
    traceHttpRequests(server);
    const active: (string | undefined)[] = [];
    server.post('/items/:id', async (req) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      active.push(trace.getActiveSpan()?.spanContext().spanId);
      return req.body;
    });
    server.get('/health', async () => ({}));
    server.get('/boom', async (_req, reply) => reply.status(503).send({}));
    const traceparent = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
    const answer = await server.inject({ method: 'POST', url: '/items/7?x=1', headers: { traceparent, 'content-type': 'application/json' }, payload: { a: 1 } });
    assert.deepEqual(answer.json(), { a: 1 });
    await server.inject({ method: 'GET', url: '/health' });
    await server.inject({ method: 'GET', url: '/boom' });
    await server.close();
    await shutdownTracing();
    const spans = exported();
    assert.deepEqual(spans.map((s) => s.name).sort(), ['GET /boom', 'POST /items/:id']);
    const item = spans.find((s) => s.name === 'POST /items/:id')!;
    assert.equal(item.traceId, 'a'.repeat(32));
    assert.equal(item.parentSpanId, 'b'.repeat(16));
    assert.equal(item.kind, 2);
    assert.deepEqual(active, [item.spanId]);
    const attribute = (s: Exported, key: string) => {
      const v = s.attributes.find((a) => a.key === key)?.value;
      return v?.stringValue ?? (v?.intValue === undefined ? undefined : Number(v.intValue));
    };
    assert.equal(attribute(item, 'http.route'), '/items/:id');
    assert.equal(attribute(item, 'url.path'), '/items/7');
    assert.equal(attribute(item, 'http.response.status_code'), 200);
    const boom = spans.find((s) => s.name === 'GET /boom')!;
    assert.equal(attribute(boom, 'http.response.status_code'), 503);
    assert.notEqual(boom.traceId, 'a'.repeat(32), 'a request without traceparent starts its own trace');
  });
});
