import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';

/** The tracer of this code base (a no-op one until a provider is registered: tracing off). */
export const tracer = () => trace.getTracer('results-service');

export { SpanKind };

export interface SpanOptions {
  kind: SpanKind;
  attributes?: Attributes;
}

/** Marks a span failed with the error, for spans ended by their caller. */
export function failSpan(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/**
 * Runs `work` inside a new span, child of `parent`'s span (a context extracted from headers or
 * metadata); ends it when the work settles, marked failed if it throws.
 */
export async function inSpan<T>(name: string, options: SpanOptions, parent: Context, work: (span: Span) => Promise<T>): Promise<T> {
  const span = tracer().startSpan(name, options, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}
