import { EnvReader, readInfrastructureConfig, type InfrastructureConfig, readTracingConfig, type TracingConfig } from '#libs/platform';

/** results in its own process (distributed mode): everything it reads from the environment, once, at boot. */
export interface ResultsConfig {
  /** PORT (3102): the API; the internal listener is on INTERNAL_PORT (default PORT + 1000). */
  port: number;
  /** The OpenTelemetry variables (docs/production/tracing.md): off unless an OTLP endpoint is set. */
  tracing: TracingConfig;
  /** HOST (0.0.0.0). */
  host: string;
  /** MongoDB, Kafka, JWKS, SMTP, NAMESPACE... (see readInfrastructureConfig). */
  infrastructure: InfrastructureConfig;
}

/**
 * Reads and checks every variable results uses; throws one error listing every problem. Results
 * has no settings of its own: in embedded mode the launcher gives it nothing from the environment.
 */
export function loadResultsConfig(env: NodeJS.ProcessEnv = process.env): ResultsConfig {
  const reader = new EnvReader(env);
  const config: ResultsConfig = {
    port: reader.int('PORT', 3102),
    host: reader.string('HOST', '0.0.0.0'),
    infrastructure: readInfrastructureConfig(reader),
    tracing: readTracingConfig(reader),
  };
  reader.done();
  return config;
}
