import { EnvReader, readInfrastructureConfig, type InfrastructureConfig, readTracingConfig, type TracingConfig } from '#libs/platform';

/** What identity itself reads from the environment, in either mode. */
export interface IdentitySettings {
  /** ADMIN_EMAIL / ADMIN_PASSWORD: the operator account (the embedded launcher makes and keeps a password when unset). */
  adminEmail: string | undefined;
  adminPassword: string | undefined;
}

/** identity in its own process (distributed mode): everything it reads from the environment, once, at boot. */
export interface IdentityConfig extends IdentitySettings {
  /** PORT (3101): the API; the internal listener is on INTERNAL_PORT (default PORT + 1000). */
  port: number;
  /** The OpenTelemetry variables (docs/production/tracing.md): off unless an OTLP endpoint is set. */
  tracing: TracingConfig;
  /** HOST (0.0.0.0). */
  host: string;
  infrastructure: InfrastructureConfig;
}

/** identity's own settings, read with the caller's reader (the embedded launcher reads every service's at once). */
export function readIdentitySettings(env: EnvReader): IdentitySettings {
  return { adminEmail: env.optional('ADMIN_EMAIL'), adminPassword: env.optional('ADMIN_PASSWORD') };
}

/** Reads and checks every variable identity uses; throws one error listing every problem. */
export function loadIdentityConfig(env: NodeJS.ProcessEnv = process.env): IdentityConfig {
  const reader = new EnvReader(env);
  const config: IdentityConfig = {
    port: reader.int('PORT', 3101),
    host: reader.string('HOST', '0.0.0.0'),
    ...readIdentitySettings(reader),
    infrastructure: readInfrastructureConfig(reader),
    tracing: readTracingConfig(reader),
  };
  reader.done();
  return config;
}
