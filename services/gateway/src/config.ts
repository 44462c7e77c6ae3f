import { EnvReader, readTracingConfig, type TracingConfig } from '#libs/platform';
import type { GatewayConfig, ServiceName } from './gateway.config.js';

/** What the gateway itself reads from the environment, in either mode. */
export interface GatewaySettings {
  /** GATEWAY_RATE_LIMIT (6000): requests per minute per client address across all routes. */
  rateLimitPerMinute: number;
  /** GATEWAY_GUESS_LIMIT (60): requests per minute per client address on each route where guessing is possible. */
  guessLimitPerMinute: number;
}

/** The gateway in its own process (distributed mode): everything it reads from the environment, once, at boot. */
export interface GatewayProcessConfig {
  gateway: GatewayConfig;
  /** PORT (3000). */
  port: number;
  /** The OpenTelemetry variables (docs/production/tracing.md): off unless an OTLP endpoint is set. */
  tracing: TracingConfig;
  /** HOST (0.0.0.0). */
  host: string;
}

/** The gateway's own settings, read with the caller's reader (the embedded launcher reads every service's at once). */
export function readGatewaySettings(env: EnvReader): GatewaySettings {
  return {
    rateLimitPerMinute: env.int('GATEWAY_RATE_LIMIT', 6000),
    guessLimitPerMinute: env.int('GATEWAY_GUESS_LIMIT', 60),
  };
}

// A service's internal listener is on its PORT + 1000 unless said otherwise (see startService).
const internalOf = (url: string): string | undefined => {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  parsed.port = String(Number(parsed.port || 80) + 1000);
  return parsed.origin;
};

const httpUrl = (value: string): boolean => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);

/**
 * One service's instances: `<NAME>_URL` (required) and `<NAME>_INTERNAL_URL` (default each URL's
 * port + 1000), each a comma-separated list with instance i's URL at place i.
 */
function readInstances(reader: EnvReader, prefix: string, urls: string[]): { urls: string[]; internals: string[] } {
  const fallback = urls.map((url) => internalOf(url) ?? '').join(',');
  const internals = reader.list(`${prefix}_INTERNAL_URL`, fallback);
  for (const url of [...urls, ...internals]) {
    if (!httpUrl(url)) reader.problem(`${prefix}_URL and ${prefix}_INTERNAL_URL must be http(s) URLs separated by commas, got "${url}"`);
  }
  if (urls.length > 0 && internals.length !== urls.length) {
    reader.problem(`${prefix}_INTERNAL_URL lists ${internals.length} URLs for the ${urls.length} of ${prefix}_URL: give one per instance, in the same order`);
  }
  return { urls, internals };
}

/**
 * Reads and checks every variable the gateway uses; throws one error listing every problem:
 * the services' URLs (`IDENTITY_URL`, `RESULTS_URL`, `DIRECTORY_URL`, `SHARING_URL`, required; a
 * comma-separated list for several instances) and their internal listeners' (`*_INTERNAL_URL`,
 * default each URL's port + 1000), `UPSTREAMS_FILE` and `UPSTREAMS_DNS` (how more instances are
 * found: docs/production/replicas.md), `TRUST_PROXY` (none), `JWKS_URL` (identity's), `PORTAL_DIR`,
 * `LOG_LEVEL`, the rate limits, `PORT`, `HOST`.
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayProcessConfig {
  const reader = new EnvReader(env);
  // Each named in full: tools/deploy/compose.unit.spec.ts finds the required variables by name.
  const identity = readInstances(reader, 'IDENTITY', reader.list('IDENTITY_URL'));
  const results = readInstances(reader, 'RESULTS', reader.list('RESULTS_URL'));
  const directory = readInstances(reader, 'DIRECTORY', reader.list('DIRECTORY_URL'));
  const sharing = readInstances(reader, 'SHARING', reader.list('SHARING_URL'));
  const services: Record<ServiceName, string[]> = { identity: identity.urls, results: results.urls, directory: directory.urls, sharing: sharing.urls };
  const internal: Record<ServiceName, string[]> = {
    identity: identity.internals,
    results: results.internals,
    directory: directory.internals,
    sharing: sharing.internals,
  };
  // Every identity instance signs with the same stored key: each listed one is tried in turn.
  const jwksUrl = reader.string('JWKS_URL', identity.urls.map((url) => `${url}/.well-known/jwks.json`).join(','));
  const file = reader.optional('UPSTREAMS_FILE');
  const config: GatewayProcessConfig = {
    gateway: {
      services,
      internal,
      discovery: { dns: reader.flag('UPSTREAMS_DNS', true), ...(file ? { file } : {}) },
      trustProxy: reader.list('TRUST_PROXY', ''),
      jwksUrl: () => jwksUrl,
      portalDir: reader.optional('PORTAL_DIR') ?? new URL('../../../../portal/dist', import.meta.url).pathname,
      ...readGatewaySettings(reader),
      logLevel: reader.string('LOG_LEVEL', 'info'),
    },
    port: reader.int('PORT', 3000),
    tracing: readTracingConfig(reader),
    host: reader.string('HOST', '0.0.0.0'),
  };
  reader.done();
  return config;
}
