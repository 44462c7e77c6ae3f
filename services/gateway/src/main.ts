import { closeOnSignals, EnvReader } from '#libs/platform';
import { startGateway } from './start-gateway.js';

/** Distributed mode: the gateway as its own process, in front of the four services. */
const env = new EnvReader();
const identity = env.string('IDENTITY_URL');
const services = {
  identity,
  results: env.string('RESULTS_URL'),
  directory: env.string('DIRECTORY_URL'),
  sharing: env.string('SHARING_URL'),
};
// A service's internal listener is on its PORT + 1000 unless said otherwise (see startService).
const internalOf = (url: string): string | undefined => {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  parsed.port = String(Number(parsed.port || 80) + 1000);
  return parsed.origin;
};
const config = {
  services,
  internal: {
    identity: env.string('IDENTITY_INTERNAL_URL', internalOf(services.identity)),
    results: env.string('RESULTS_INTERNAL_URL', internalOf(services.results)),
    directory: env.string('DIRECTORY_INTERNAL_URL', internalOf(services.directory)),
    sharing: env.string('SHARING_INTERNAL_URL', internalOf(services.sharing)),
  },
  trustProxy: env.list('TRUST_PROXY', ''),
  jwksUrl: ((url: string) => () => url)(env.string('JWKS_URL', `${identity}/.well-known/jwks.json`)),
  portalDir: env.optional('PORTAL_DIR') ?? new URL('../../../../portal/dist', import.meta.url).pathname,
  rateLimitPerMinute: env.int('GATEWAY_RATE_LIMIT', 6000),
  logLevel: env.string('LOG_LEVEL', 'info'),
};
const port = env.int('PORT', 3000);
const host = env.string('HOST', '0.0.0.0');
env.done();
closeOnSignals(await startGateway(config, port, host));
