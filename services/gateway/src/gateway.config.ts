export type ServiceName = 'identity' | 'results' | 'directory' | 'sharing';

export interface GatewayConfig {
  /** Base URLs of the services (e.g. http://127.0.0.1:3101). */
  services: Record<ServiceName, string>;
  jwksUrl: () => string;
  /** The built web portal, served at `/` (absent when not built). */
  portalDir: string | null;
  /** Requests per minute per client address across all routes (denial-of-service guard). */
  rateLimitPerMinute: number;
  logLevel: string;
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
