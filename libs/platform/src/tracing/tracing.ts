import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { TracingConfig } from './tracing.config.js';

let provider: TracerProvider | null = null;

/**
 * Starts tracing for this process, before anything else runs (each service's main.ts): spans
 * batched and exported over OTLP/HTTP (JSON) to `config.tracesUrl`, W3C trace context propagated,
 * the active span carried through async calls. Without a URL nothing is registered: the API's
 * no-op tracer and propagator stay, so spans cost nothing and no header is written.
 */
export function startTracing(serviceName: string, config: TracingConfig): boolean {
  if (!config.tracesUrl || provider) return provider !== null;
  provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName ?? serviceName }),
    spanProcessors: [
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: config.tracesUrl }), scheduledDelayMillis: config.scheduleDelayMs }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return true;
}

/** Whether this process traces (startTracing registered a provider). */
export function tracingStarted(): boolean {
  return provider !== null;
}

/** Exports what is still batched and stops (closeOnSignals calls it before the process exits). */
export async function shutdownTracing(): Promise<void> {
  const current = provider;
  provider = null;
  await current?.shutdown();
}
