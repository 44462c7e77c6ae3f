import {
  extractTraceContext,
  failSpan,
  hasTrace,
  injectTraceContext,
  SpanKind,
  tracer,
  type HeaderCarrier,
  type TraceFields,
} from '#libs/trace-context';
import { context, trace, type Span } from '@opentelemetry/api';

export type PublishSpan = Pick<Span, 'end'>;

/**
 * A producer span for one message, child of the trace its event was appended in (`fields`: the
 * stored event's metadata), its context written into the message's `headers`. None (and no
 * header) when the event carries no trace.
 */
export function publishSpan(type: string, topic: string, fields: TraceFields, headers: Record<string, string>): PublishSpan | null {
  const parent = extractTraceContext(fields);
  if (!hasTrace(parent)) return null;
  const span = tracer().startSpan(
    `publish ${type}`,
    { kind: SpanKind.PRODUCER, attributes: { 'messaging.operation.type': 'send', 'messaging.destination.name': topic } },
    parent,
  );
  injectTraceContext(headers, trace.setSpan(parent, span));
  return span;
}

/** A received message as the transports see it: its headers (Kafka's, or the in-process bus's). */
export interface TracedMessage {
  headers?: HeaderCarrier | undefined;
}

const typeOf = (message: TracedMessage, topic: string): string => {
  // Stryker disable next-line OptionalChaining: equivalent, only a message whose headers hold a trace is named
  const type = message.headers?.['event-type'];
  return type === undefined ? topic : type.toString();
};

/**
 * Runs a consumer's handler over a batch with one consumer span per message that carries a trace
 * (child of its producer span); the handler runs inside the first one's context, so what it logs
 * and appends belongs to that trace. Messages without a trace get no span (a bulk import's).
 */
export async function consumeInSpans(topic: string, messages: readonly TracedMessage[], run: () => Promise<void>): Promise<void> {
  const spans: Span[] = [];
  for (const message of messages) {
    const parent = extractTraceContext(message.headers);
    if (!hasTrace(parent)) continue;
    const attributes = { 'messaging.operation.type': 'process', 'messaging.destination.name': topic };
    spans.push(tracer().startSpan(`consume ${typeOf(message, topic)}`, { kind: SpanKind.CONSUMER, attributes }, parent));
  }
  // Stryker disable next-line ConditionalExpression: equivalent, running inside no span leaves no span active either way (a shortcut)
  if (spans.length === 0) return run();
  try {
    await context.with(trace.setSpan(context.active(), spans[0]), run);
  } catch (error) {
    for (const span of spans) failSpan(span, error);
    throw error;
  } finally {
    for (const span of spans) span.end();
  }
}
