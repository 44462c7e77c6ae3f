import type { OwningService } from '#libs/contracts';

/** The services behind the gateway: the owners of the table's routes. */
export type ServiceName = OwningService;

export interface GatewayConfig {
  /** Base URLs of the services' APIs, where /api/v1 is forwarded (e.g. http://127.0.0.1:3101). */
  services: Record<ServiceName, string>;
  /** Base URLs of the services' internal listeners: /health, /health/ready, /openapi.json (e.g. http://127.0.0.1:4101). */
  internal: Record<ServiceName, string>;
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

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
