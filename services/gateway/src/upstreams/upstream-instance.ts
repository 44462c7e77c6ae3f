import { createHash } from 'node:crypto';
import type { ServiceName } from '../gateway.config.js';

/**
 * What the gateway last learnt of an instance: `ready` (its /health/ready answered 200), `alive`
 * (it answered, not ready: e.g. catching up after a start), `down` (no answer, or a refused
 * connection), `unknown` (not asked yet).
 */
export type InstanceState = 'unknown' | 'ready' | 'alive' | 'down';

export interface UpstreamInstance {
  readonly service: ServiceName;
  /** Its API's origin, e.g. http://10.0.3.7:3104: the instance's identity in the pool. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Its internal listener's base URL (/health/ready, /openapi.json). */
  readonly internalUrl: string;
  /** Answered as `x-served-by`: names the instance without disclosing its address. */
  readonly id: string;
  state: InstanceState;
}

/** The opaque name of the instance at `url` (its origin's SHA-256, 12 hex digits): the gateway's `x-served-by`. */
export function instanceId(url: string): string {
  return createHash('sha256').update(new URL(url).origin).digest('hex').slice(0, 12);
}

export function newInstance(service: ServiceName, url: string, internalUrl: string): UpstreamInstance {
  const parsed = new URL(url);
  return {
    service,
    url: parsed.origin,
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80)),
    internalUrl: internalUrl.replace(/\/+$/, ''),
    id: `${service}-${instanceId(url)}`,
    state: 'unknown',
  };
}
