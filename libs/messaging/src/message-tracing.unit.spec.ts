import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { context, trace } from '@opentelemetry/api';
import { Topics, type ResultReadV1 } from '#libs/contracts';
import type { StoredEvent } from '#libs/event-store';
import { recordSpans } from '#libs/testing';
import { currentTraceFields, inSpan, SpanKind } from '#libs/trace-context';
import { InProcessBus } from './in-process.bus.js';
import { InProcessTransport } from './in-process.transport.js';
import { IntegrationSink } from './integration.sink.js';
import type { OutgoingMessage } from './message-publisher.port.js';
import { consumeInSpans } from './message-tracing.js';

const read = (shareId: string): ResultReadV1 => ({ shareId, resultId: 'r-1', recipientId: 'rc-1', organisationId: 'o-1', readAt: '2026-01-02T03:04:05.000Z', readBy: 'u-1' });
const stored = (version: number, trace: { traceparent?: string }): StoredEvent => ({
  _id: `share-1@${version}`,
  eventId: `0b3c${version}e6a-1111-4222-8333-${String(version).padStart(12, '0')}`,
  streamId: 'share-1',
  version,
  type: 'Read',
  schemaVersion: 1,
  data: read('share-1'),
  metadata: { correlationId: 'c', causationId: null, ...trace },
  occurredAt: '2026-01-02T03:04:05.000Z',
});
const mapper = (e: StoredEvent) => [{ type: 'ResultRead' as const, data: e.data as ResultReadV1 }];

describe('message tracing: publish and consume spans (embedded: the in-process bus carries the context)', () => {
  let recorder: ReturnType<typeof recordSpans>;
  before(() => (recorder = recordSpans()));
  after(() => recorder.stop());

  it('one trace from the append through the relay\'s publish to the consumer, whose handler runs inside the consumer span', async () => {
    const bus = new InProcessBus();
    const transport = new InProcessTransport(bus, 'identity');
    const active: (string | undefined)[] = [];
    transport.addHandler(Topics.shares, async () => void active.push(trace.getActiveSpan()?.spanContext().spanId), true);
    transport.listen(() => undefined);
    bus.open();
    const sink = new IntegrationSink(bus, mapper, 'sharing');
    // The request's span is over when the relay publishes: the event's metadata carries its context.
    const fields = await inSpan('POST /api/v1/me/shares', { kind: SpanKind.SERVER }, context.active(), async () => currentTraceFields());
    await sink.handle([stored(1, fields), stored(2, {})]);
    const spans = recorder.exporter.getFinishedSpans();
    const request = spans.find((s) => s.name === 'POST /api/v1/me/shares')!;
    const publish = spans.find((s) => s.name === 'publish ResultRead');
    const consume = spans.find((s) => s.name === 'consume ResultRead');
    assert.ok(publish && consume, spans.map((s) => s.name).join(', '));
    assert.equal(spans.filter((s) => s.name.startsWith('publish') || s.name.startsWith('consume')).length, 2, 'the event without a trace gets no span');
    assert.equal(publish.kind, SpanKind.PRODUCER);
    assert.deepEqual(publish.attributes, { 'messaging.operation.type': 'send', 'messaging.destination.name': Topics.shares });
    assert.deepEqual(consume.attributes, { 'messaging.operation.type': 'process', 'messaging.destination.name': Topics.shares });
    assert.equal(publish.parentSpanContext?.spanId, request.spanContext().spanId);
    assert.equal(consume.kind, SpanKind.CONSUMER);
    assert.equal(consume.parentSpanContext?.spanId, publish.spanContext().spanId);
    assert.equal(consume.spanContext().traceId, request.spanContext().traceId);
    assert.deepEqual(active, [consume.spanContext().spanId]);
  });

  it('headers carry the publish span; an event without a trace gets no header', async () => {
    const sent: OutgoingMessage[] = [];
    const sink = new IntegrationSink({ publish: async (m) => void sent.push(...m), close: async () => undefined }, mapper, 'sharing');
    const fields = await inSpan('request', { kind: SpanKind.SERVER }, context.active(), async () => currentTraceFields());
    await sink.handle([stored(1, fields), stored(2, {})]);
    const publish = recorder.exporter.getFinishedSpans().filter((s) => s.name === 'publish ResultRead').at(-1)!;
    assert.equal(sent[0].headers?.traceparent, `00-${publish.spanContext().traceId}-${publish.spanContext().spanId}-01`);
    assert.deepEqual(Object.keys(sent[1].headers ?? {}).sort(), ['event-id', 'event-type', 'event-version']);
  });

  it('a failing handler fails its consumer spans; messages without a trace run the handler with no span', async () => {
    const traceparent = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
    await assert.rejects(consumeInSpans('t', [{ headers: { traceparent: Buffer.from(traceparent), 'event-type': Buffer.from('X') } }], () => Promise.reject(new Error('no'))), /no/);
    const failed = recorder.exporter.getFinishedSpans().find((s) => s.name === 'consume X');
    assert.equal(failed?.status.code, 2);
    assert.equal(failed?.parentSpanContext?.spanId, 'b'.repeat(16));
    let inside: unknown = 'unset';
    await consumeInSpans('t', [{}, { headers: {} }], async () => void (inside = trace.getActiveSpan()));
    assert.equal(inside, undefined);
    const named = await new Promise<string>((resolve) => void consumeInSpans('topic-x', [{ headers: { traceparent } }], async () => resolve('ran')));
    assert.equal(named, 'ran');
    assert.ok(recorder.exporter.getFinishedSpans().some((s) => s.name === 'consume topic-x'));
  });
});
