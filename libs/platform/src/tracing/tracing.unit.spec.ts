import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import { context, propagation, trace } from '@opentelemetry/api';
import { EnvReader } from '../env.js';
import { readTracingConfig } from './tracing.config.js';
import { shutdownTracing, startTracing } from './tracing.js';
import { traceLogFields } from './trace-log.fields.js';

const read = (env: Record<string, string>) => {
  const reader = new EnvReader(env);
  const config = readTracingConfig(reader);
  reader.done();
  return config;
};

describe('readTracingConfig: the standard OpenTelemetry variables', () => {
  it('off unless an endpoint is set; the base endpoint gets /v1/traces, the traces endpoint is used as is', () => {
    assert.deepEqual(read({}), { scheduleDelayMs: 5_000 });
    assert.equal(read({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracesUrl, 'http://collector:4318/v1/traces');
    assert.equal(read({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://other:4318/x' }).tracesUrl, 'http://other:4318/x');
    assert.deepEqual(read({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SERVICE_NAME: 'sharing-eu', OTEL_BSP_SCHEDULE_DELAY: '200' }), {
      tracesUrl: 'http://c:4318/v1/traces',
      serviceName: 'sharing-eu',
      scheduleDelayMs: 200,
    });
    assert.equal(read({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SDK_DISABLED: 'true' }).tracesUrl, undefined);
    assert.equal(read({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' }).tracesUrl, undefined);
    assert.throws(() => read({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'not a url' }), /OTLP traces endpoint must be a URL/);
  });
});

describe('startTracing', () => {
  it('without an endpoint registers nothing: the API\'s no-op tracer, no header, no log fields', () => {
    assert.equal(startTracing('identity', { scheduleDelayMs: 5_000 }), false);
    const span = trace.getTracer('t').startSpan('nothing');
    assert.equal(span.isRecording(), false);
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), span), carrier);
    assert.deepEqual(carrier, {});
    assert.deepEqual(traceLogFields(), {});
  });

  it('with an endpoint exports the spans over OTLP/HTTP JSON with the service name, and flushes at shutdown', async () => {
    const posts: { url: string | undefined; type: string | undefined; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        posts.push({ url: req.url, type: req.headers['content-type'], body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      assert.equal(startTracing('sharing', { tracesUrl: `http://127.0.0.1:${port}/v1/traces`, scheduleDelayMs: 60_000 }), true);
      const span = trace.getTracer('t').startSpan('POST /api/v1/me/shares');
      assert.equal(span.isRecording(), true);
      await trace.getTracer('t').startActiveSpan('inner', async (inner) => {
        assert.deepEqual(traceLogFields(), { trace_id: inner.spanContext().traceId, span_id: inner.spanContext().spanId });
        inner.end();
      });
      span.end();
      await shutdownTracing();
      assert.equal(posts.length, 1);
      assert.equal(posts[0].url, '/v1/traces');
      assert.match(posts[0].type ?? '', /json/);
      const sent = JSON.parse(posts[0].body) as { resourceSpans: { resource: { attributes: { key: string; value: { stringValue: string } }[] }; scopeSpans: { spans: { name: string }[] }[] }[] };
      const [resource] = sent.resourceSpans;
      assert.equal(resource.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue, 'sharing');
      assert.deepEqual(resource.scopeSpans.flatMap((s) => s.spans.map((x) => x.name)).sort(), ['POST /api/v1/me/shares', 'inner']);
    } finally {
      trace.disable();
      propagation.disable();
      context.disable();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
