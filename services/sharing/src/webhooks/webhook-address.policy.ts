import ipaddr from 'ipaddr.js';

/**
 * Which addresses a webhook may reach: public unicast only. The ranges are ipaddr.js's (RFC
 * special-purpose registries: loopback, private, link-local, CGNAT, multicast, unspecified,
 * broadcast, reserved, documentation, NAT64, 6to4, Teredo, ULA...); anything it does not call
 * plain `unicast` is refused. Checked at registration on literal addresses and again at delivery
 * on every address a name resolves to (DNS rebinding).
 */
export function refusedAddress(address: string): string | null {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (!ipaddr.isValid(bare)) return `${address} is not an IP address`;
  const parsed = ipaddr.parse(bare);
  // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) reaches the IPv4 address: judge that one.
  const ip = parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
  // The deprecated IPv4-compatible form (::a.b.c.d) is not a special range in ipaddr.js; some stacks still route it to IPv4.
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0)) return `${address} is not a public address (IPv4-compatible IPv6)`;
  const range = ip.range();
  return range === 'unicast' ? null : `${address} is not a public address (${RANGE_NAMES[range] ?? range})`;
}

/** ipaddr.js's range names, as a reader knows them. */
const RANGE_NAMES: Record<string, string> = {
  linkLocal: 'link-local',
  carrierGradeNat: 'carrier-grade NAT',
  uniqueLocal: 'unique local',
  deprecatedSiteLocal: 'site-local',
  rfc6052: 'NAT64',
  rfc6145: 'IPv4-translated',
};

/** Names that only mean something inside a network (RFC 6761, 6762, 8375 and common practice); single labels too. */
const LOCAL_SUFFIXES = ['localhost', 'local', 'localdomain', 'internal', 'intranet', 'lan', 'home.arpa'];

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Refuses a host name (not an address) that can only point inside a network, or that no DNS could hold. */
export function refusedName(hostname: string): string | null {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (!name.includes('.')) return `${hostname} is not a fully qualified public name`;
  // Letters, digits and hyphens between dots (RFC 1123; WHATWG URL has already turned other scripts into xn-- labels).
  if (!name.split('.').every((label) => HOST_LABEL.test(label))) return `${hostname} is not a host name (letters, digits and hyphens between dots)`;
  const suffix = LOCAL_SUFFIXES.find((s) => name === s || name.endsWith(`.${s}`));
  return suffix ? `${hostname} is a local name (.${suffix})` : null;
}

/** True when the URL host is an IP literal (WHATWG URL has already turned 0x7f000001, 2130706433, 0177.0.0.1, 127.1 into 127.0.0.1). */
export function isAddressLiteral(hostname: string): boolean {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) && (bare.includes(':') || ipaddr.IPv4.isValidFourPartDecimal(bare));
}
