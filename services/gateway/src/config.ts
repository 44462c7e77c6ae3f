import { EnvReader } from '#libs/platform';
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

/**
 * Reads and checks every variable the gateway uses; throws one error listing every problem:
 * the services' URLs (`IDENTITY_URL`, `RESULTS_URL`, `DIRECTORY_URL`, `SHARING_URL`, required) and
 * their internal listeners' (`*_INTERNAL_URL`, default the URL's port + 1000), `TRUST_PROXY`
 * (none), `JWKS_URL` (identity's), `PORTAL_DIR`, `LOG_LEVEL`, the rate limits, `PORT`, `HOST`.
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayProcessConfig {
  const reader = new EnvReader(env);
  const services: Record<ServiceName, string> = {
    identity: reader.string('IDENTITY_URL'),
    results: reader.string('RESULTS_URL'),
    directory: reader.string('DIRECTORY_URL'),
    sharing: reader.string('SHARING_URL'),
  };
  const jwksUrl = reader.string('JWKS_URL', `${services.identity}/.well-known/jwks.json`);
  const config: GatewayProcessConfig = {
    gateway: {
      services,
      internal: {
        identity: reader.string('IDENTITY_INTERNAL_URL', internalOf(services.identity)),
        results: reader.string('RESULTS_INTERNAL_URL', internalOf(services.results)),
        directory: reader.string('DIRECTORY_INTERNAL_URL', internalOf(services.directory)),
        sharing: reader.string('SHARING_INTERNAL_URL', internalOf(services.sharing)),
      },
      trustProxy: reader.list('TRUST_PROXY', ''),
      jwksUrl: () => jwksUrl,
      portalDir: reader.optional('PORTAL_DIR') ?? new URL('../../../../portal/dist', import.meta.url).pathname,
      ...readGatewaySettings(reader),
      logLevel: reader.string('LOG_LEVEL', 'info'),
    },
    port: reader.int('PORT', 3000),
    host: reader.string('HOST', '0.0.0.0'),
  };
  reader.done();
  return config;
}
