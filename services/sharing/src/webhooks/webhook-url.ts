import { DomainError } from '#libs/domain';
import { WebhookErrors } from './webhook.errors.js';
import { isAddressLiteral, refusedAddress, refusedName } from './webhook-address.policy.js';

/**
 * Ports a receiver may listen on: 443, and 8443 for a second TLS listener. Every other port is
 * refused so that the service cannot be used to probe or talk to other services on public hosts
 * (SMTP, SSH, databases...); a receiver elsewhere can sit behind a TLS proxy on 443.
 */
export const WEBHOOK_PORTS: readonly number[] = [443, 8443];

const refuse = (message: string): never => {
  throw new DomainError('invalid', WebhookErrors.BAD_URL, message);
};

/**
 * Checks a receiver URL and answers it normalised. It must be `https://`, on port 443 or 8443,
 * without a user name or password, to a public host: an address literal in any encoding
 * (WHATWG URL turns 0x7f000001, 2130706433, 0177.0.0.1 and 127.1 into 127.0.0.1) must be public
 * unicast, a name must be fully qualified and not a local one. Names are checked again after
 * DNS, at each delivery.
 *
 * `allowPrivate` (WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true: local development and tests only) lifts
 * the scheme, port and address rules: http, any port, loopback and private hosts.
 */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('url must be an absolute https:// URL.');
  }
  if (url.username || url.password) refuse('url must not carry a user name or password.');
  if (allowPrivate && (url.protocol === 'https:' || url.protocol === 'http:')) return url.toString();
  if (url.protocol !== 'https:') refuse('url must be an https:// URL.');
  const port = url.port === '' ? 443 : Number(url.port);
  if (!WEBHOOK_PORTS.includes(port)) refuse(`url must use port ${WEBHOOK_PORTS.join(' or ')}, not ${port}.`);
  const host = url.hostname;
  const reason = isAddressLiteral(host) ? refusedAddress(host) : refusedName(host);
  if (reason) refuse(`url must point to a public host on the internet: ${reason}.`);
  return url.toString();
}
