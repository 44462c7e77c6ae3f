import { lookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { ServiceName, UpstreamAddress } from '../gateway.config.js';

const SERVICES: readonly ServiceName[] = ['identity', 'results', 'directory', 'sharing'];

const isHttpUrl = (value: unknown): value is string =>
  typeof value === 'string' && URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);

/**
 * The instances an UPSTREAMS_FILE lists: `{ "sharing": [{ "url": "http://127.0.0.1:3104",
 * "internalUrl": "http://127.0.0.1:4104" }] }`; services it leaves out keep their configured URLs.
 * Throws, naming the problem, when the file is not that shape.
 */
export async function readUpstreamsFile(path: string): Promise<Partial<Record<ServiceName, UpstreamAddress[]>>> {
  const parsed = JSON.parse(await readFile(path, 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${path}: not a JSON object`);
  const found: Partial<Record<ServiceName, UpstreamAddress[]>> = {};
  for (const [name, list] of Object.entries(parsed)) {
    if (!(SERVICES as readonly string[]).includes(name)) throw new Error(`${path}: unknown service "${name}" (known: ${SERVICES.join(', ')})`);
    if (!Array.isArray(list)) throw new Error(`${path}: "${name}" is not a list`);
    found[name as ServiceName] = list.map((entry: unknown, i) => {
      const { url, internalUrl } = (entry ?? {}) as Record<string, unknown>;
      if (!isHttpUrl(url) || !isHttpUrl(internalUrl)) throw new Error(`${path}: ${name}[${i}] needs "url" and "internalUrl", both http(s) URLs`);
      return { url, internalUrl };
    });
  }
  return found;
}

/** A host the gateway resolves into instances: a name, not an address (nor localhost, which is one machine). */
export const isResolvableHost = (hostname: string): boolean => isIP(hostname.replace(/^\[|\]$/g, '')) === 0 && hostname !== 'localhost';

const withHost = (url: string, address: string): string => {
  const parsed = new URL(url);
  parsed.hostname = isIP(address) === 6 ? `[${address}]` : address;
  return parsed.origin;
};

/**
 * One configured instance whose URL names a host (compose's `http://sharing:3104`): one instance
 * per address the name resolves to (with `--scale sharing=3`, each container's), on the same
 * ports. An internal URL on another host is kept as it is; a name that does not resolve is kept
 * as one instance (it will be found down).
 */
export async function expandByDns(address: UpstreamAddress): Promise<UpstreamAddress[]> {
  const { hostname } = new URL(address.url);
  if (!isResolvableHost(hostname)) return [address];
  let addresses: string[];
  try {
    addresses = (await lookup(hostname, { all: true })).map((a) => a.address);
  } catch {
    return [address];
  }
  if (addresses.length === 0) return [address];
  const sameHost = new URL(address.internalUrl).hostname === hostname;
  return addresses.map((ip) => ({ url: withHost(address.url, ip), internalUrl: sameHost ? withHost(address.internalUrl, ip) : address.internalUrl }));
}
