import type { OwningService } from '#libs/contracts';

/** The services behind the gateway: the owners of the table's routes. */
export type ServiceName = OwningService;

/** How the gateway learns a service's instances beyond the configured URLs (see docs/production/replicas.md). */
export interface UpstreamDiscovery {
  /**
   * UPSTREAMS_FILE: a JSON file `{ "<service>": [{ "url": ..., "internalUrl": ... }] }`, re-read
   * every second; a service it lists takes those instances instead of the configured URLs.
   */
  file?: string;
  /**
   * UPSTREAMS_DNS (true): a configured URL whose host is a name is resolved every few seconds
   * (`dns.lookup(host, { all: true })`) and each address is an instance (compose's `--scale`).
   */
  dns?: boolean;
  /** How often each instance's /health/ready is asked (1,000 ms). */
  checkIntervalMs?: number;
}

export interface GatewayConfig {
  /**
   * Base URLs of the services' APIs, where /api/v1 is forwarded (e.g. http://127.0.0.1:3101):
   * one URL, or one per instance.
   */
  services: Record<ServiceName, string | readonly string[]>;
  /**
   * Base URLs of the services' internal listeners: /health, /health/ready, /openapi.json (e.g.
   * http://127.0.0.1:4101); one per instance, in the order of `services`.
   */
  internal: Record<ServiceName, string | readonly string[]>;
  /** More instances than the configured URLs (a file, DNS); absent: the URLs as given, plus DNS for host names. */
  discovery?: UpstreamDiscovery;
  /**
   * Proxies allowed to set X-Forwarded-For (addresses, CIDRs or proxy-addr names such as
   * `loopback`); empty: none, the client's address is the connection's.
   */
  trustProxy: string[];
  jwksUrl: () => string;
  /** The built web portal, served at `/` (absent when not built). */
  portalDir: string | null;
  /** Requests per minute per client address across all routes (denial-of-service guard). */
  rateLimitPerMinute: number;
  /** Requests per minute per client address on each route that declares @GuessLimit(). */
  guessLimitPerMinute: number;
  logLevel: string;
}

/** One instance of a service as configured: its API's and its internal listener's base URLs. */
export interface UpstreamAddress {
  url: string;
  internalUrl: string;
}

/** A service's configured instances: instance i's public and internal URL. */
export function configuredInstances(config: Pick<GatewayConfig, 'services' | 'internal'>, name: ServiceName): UpstreamAddress[] {
  const list = (value: string | readonly string[]) => (typeof value === 'string' ? [value] : [...value]);
  const urls = list(config.services[name]);
  const internals = list(config.internal[name]);
  return urls.map((url, i) => ({ url, internalUrl: internals[i] ?? internals[0] ?? url }));
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
