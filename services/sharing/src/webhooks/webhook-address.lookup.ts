import { promises as dns, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { refusedAddress } from './webhook-address.policy.js';

/** Resolves a name to its addresses (the system resolver by default; tests pass their own). */
export type Resolve = (hostname: string, family: 0 | 4 | 6) => Promise<LookupAddress[]>;

export const systemResolve: Resolve = (hostname, family) =>
  dns.lookup(hostname, { all: true, family });

/** The error a refused address gives the socket: the request fails before any byte is sent. */
export class RefusedAddressError extends Error {
  readonly code = 'WEBHOOK_REFUSED_ADDRESS';
}

/**
 * A `lookup` for http(s).request: it resolves the name once, refuses the connection if any of
 * the addresses is not public unicast (a name that mixes public and private answers is not
 * trusted), and hands the checked addresses to the socket, which connects to exactly those: the
 * name is never resolved a second time, so DNS rebinding between check and connect cannot happen.
 */
export function guardedLookup(resolve: Resolve = systemResolve): LookupFunction {
  return (hostname, options, callback) => {
    const family = options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
    resolve(hostname, family).then(
      (addresses) => {
        const refused = addresses.length === 0 ? `${hostname} resolves to no address` : addresses.map((a) => refusedAddress(a.address)).find((r) => r !== null);
        if (refused) return callback(new RefusedAddressError(`webhook host refused: ${hostname} → ${refused}`), '', 0);
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
