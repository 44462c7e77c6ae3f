import { isSpanContextValid, trace } from '@opentelemetry/api';

/** pino `mixin`: the active span's ids on every log line written inside it (nothing when tracing is off). */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}
