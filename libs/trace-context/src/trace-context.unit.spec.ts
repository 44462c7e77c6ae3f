import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { context, trace, type Span } from '@opentelemetry/api';
import { recordSpans } from '#libs/testing';
import {
  currentTraceFields,
  detachedFromTrace,
  extractTraceContext,
  hasTrace,
  injectTraceContext,
  inSpan,
  SpanKind,
  tracer,
} from './index.js';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe('trace context helpers, tracing on', () => {
  let recorder: ReturnType<typeof recordSpans>;
  before(() => (recorder = recordSpans()));
  after(() => recorder.stop());

  it('no active span: no header and no fields', () => {
    assert.deepEqual(injectTraceContext({ a: '1' }), { a: '1' });
    assert.deepEqual(currentTraceFields(), {});
    assert.equal(hasTrace(extractTraceContext({})), false);
    assert.equal(hasTrace(extractTraceContext(undefined)), false);
  });

  it('round trip through Kafka-style headers (Buffer values, arrays): the same trace, the sender span as parent', async () => {
    const sender = tracer().startSpan('send');
    const headers = context.with(trace.setSpan(context.active(), sender), () => injectTraceContext<Record<string, string>>({ 'event-type': 'X' }));
    const [, traceId, spanId] = TRACEPARENT.exec(headers.traceparent) ?? [];
    assert.equal(traceId, sender.spanContext().traceId);
    assert.equal(spanId, sender.spanContext().spanId);
    const kafka = { traceparent: Buffer.from(headers.traceparent), other: [Buffer.from('x')] };
    const received = extractTraceContext(kafka);
    assert.ok(hasTrace(received));
    const child = await inSpan('receive', { kind: SpanKind.CONSUMER }, received, async (span: Span) => {
      assert.equal(trace.getActiveSpan(), span);
      return span;
    });
    sender.end();
    const finished = recorder.exporter.getFinishedSpans().find((s) => s.spanContext().spanId === child.spanContext().spanId);
    assert.ok(finished);
    assert.equal(finished.spanContext().traceId, traceId);
    assert.equal(finished.parentSpanContext?.spanId, spanId);
    assert.equal(finished.kind, SpanKind.CONSUMER);
    assert.equal(hasTrace(extractTraceContext({ traceparent: [headers.traceparent] })), true);
  });

  it('fields to keep with a stored event, and back; detached work sees no trace', async () => {
    await inSpan('request', { kind: SpanKind.SERVER }, context.active(), async (span) => {
      const fields = currentTraceFields();
      assert.match(fields.traceparent ?? '', TRACEPARENT);
      assert.equal(fields.tracestate, undefined);
      assert.equal(trace.getSpanContext(extractTraceContext(fields))?.spanId, span.spanContext().spanId);
      assert.deepEqual(detachedFromTrace(() => currentTraceFields()), {});
    });
  });

  it('a failing span is ended with the error recorded', async () => {
    await assert.rejects(inSpan('fails', { kind: SpanKind.INTERNAL }, context.active(), () => Promise.reject(new Error('boom'))), /boom/);
    const failed = recorder.exporter.getFinishedSpans().find((s) => s.name === 'fails');
    assert.equal(failed?.status.code, 2);
    assert.equal(failed?.events[0]?.name, 'exception');
  });
});

describe('trace context helpers, tracing off (the API defaults)', () => {
  it('spans are no-ops and nothing is written', async () => {
    const span = await inSpan('nothing', { kind: SpanKind.SERVER }, context.active(), async (s) => {
      assert.deepEqual(currentTraceFields(), {});
      return s;
    });
    assert.equal(span.isRecording(), false);
    assert.deepEqual(injectTraceContext({}), {});
  });
});
