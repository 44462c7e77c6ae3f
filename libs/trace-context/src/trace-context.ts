import { context, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';

/** W3C trace context as text: what travels in HTTP headers, Kafka headers and stored events' metadata. */
export interface TraceFields {
  traceparent?: string;
  tracestate?: string;
}

/** Header values as HTTP (string, string[]) or Kafka (Buffer, string, or arrays of them) hand them over. */
export type HeaderValue = string | Buffer | readonly (string | Buffer)[] | undefined;
export type HeaderCarrier = Readonly<Record<string, HeaderValue>>;

const text = (value: HeaderValue): string | undefined => {
  const first = Array.isArray(value) ? (value as readonly (string | Buffer)[])[0] : (value as string | Buffer | undefined);
  return first === undefined ? undefined : first.toString();
};

const getter = {
  keys: (carrier: HeaderCarrier) => Object.keys(carrier),
  get: (carrier: HeaderCarrier, key: string) => text(carrier[key]),
};

/**
 * Writes the context's trace (`traceparent`, `tracestate`) into `carrier` and returns it. Nothing
 * is written when no span is active or no propagator is registered (tracing off): the no-op default.
 */
export function injectTraceContext<T extends Record<string, unknown>>(carrier: T, from: Context = context.active()): T {
  propagation.inject(from, carrier);
  return carrier;
}

/** The active trace as fields to keep with something that travels later (a stored event); empty when none. */
export function currentTraceFields(): TraceFields {
  const fields: Record<string, string> = {};
  injectTraceContext(fields);
  const { traceparent, tracestate } = fields;
  return { ...(traceparent ? { traceparent } : {}), ...(tracestate ? { tracestate } : {}) };
}

/** The context a carrier (headers, stored fields) holds; the root context when it holds none. */
export function extractTraceContext(carrier: HeaderCarrier | TraceFields | undefined): Context {
  return carrier ? propagation.extract(ROOT_CONTEXT, carrier as HeaderCarrier, getter) : ROOT_CONTEXT;
}

/** Whether the context carries a valid remote or local span context. */
export function hasTrace(ctx: Context): boolean {
  return trace.getSpanContext(ctx) !== undefined;
}

/** Runs `work` outside any trace (background work that a request merely woke up). */
export function detachedFromTrace<T>(work: () => T): T {
  return context.with(ROOT_CONTEXT, work);
}
