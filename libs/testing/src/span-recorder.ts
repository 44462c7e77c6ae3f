import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

/**
 * Tracing on in this process, as startTracing turns it on, with every ended span kept in memory
 * (`exporter.getFinishedSpans()`). `stop()` goes back to the API's no-op defaults.
 */
export function recordSpans(): { exporter: InMemorySpanExporter; stop(): void } {
  const exporter = new InMemorySpanExporter();
  trace.disable();
  context.disable();
  propagation.disable();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
  return {
    exporter,
    stop: () => {
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
