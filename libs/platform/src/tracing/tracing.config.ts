import type { EnvReader } from '../env.js';

/** Where spans go; tracing is off (the API's no-op tracer) when `tracesUrl` is absent. */
export interface TracingConfig {
  /** The OTLP/HTTP (JSON) traces URL, e.g. `http://collector:4318/v1/traces`. */
  tracesUrl?: string;
  /** OTEL_SERVICE_NAME: the `service.name` of every span; else the service's own name. */
  serviceName?: string;
  /** OTEL_BSP_SCHEDULE_DELAY: how long spans are batched before an export (ms, default 5000). */
  scheduleDelayMs: number;
}

const tracesUrlOf = (endpoint: string): string => `${endpoint.replace(/\/+$/, '')}/v1/traces`;

/**
 * The standard OpenTelemetry variables: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (used as is) or
 * OTEL_EXPORTER_OTLP_ENDPOINT (the base: `/v1/traces` is added); OTEL_SDK_DISABLED=true or
 * OTEL_TRACES_EXPORTER=none turn tracing off; OTEL_SERVICE_NAME; OTEL_BSP_SCHEDULE_DELAY.
 */
export function readTracingConfig(env: EnvReader): TracingConfig {
  const disabled = env.flag('OTEL_SDK_DISABLED', false) || env.optional('OTEL_TRACES_EXPORTER') === 'none';
  const specific = env.optional('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const base = env.optional('OTEL_EXPORTER_OTLP_ENDPOINT');
  const tracesUrl = specific ?? (base ? tracesUrlOf(base) : undefined);
  if (tracesUrl && !URL.canParse(tracesUrl)) env.problem(`the OTLP traces endpoint must be a URL, got "${tracesUrl}"`);
  const serviceName = env.optional('OTEL_SERVICE_NAME');
  return {
    ...(tracesUrl && !disabled ? { tracesUrl } : {}),
    ...(serviceName ? { serviceName } : {}),
    scheduleDelayMs: env.int('OTEL_BSP_SCHEDULE_DELAY', 5_000),
  };
}
