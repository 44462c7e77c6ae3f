import { DomainError } from '#libs/domain';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A receiver URL must be https. Plain http is refused unless the service runs with
 * WEBHOOK_ALLOW_HTTP=true, and even then only to a loopback host (a receiver on the same
 * machine: local development and tests); that keeps signed payloads off the network in clear.
 */
export function checkWebhookUrl(raw: string, allowHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DomainError('invalid', 'WEBHOOK.BAD_URL', 'url must be an absolute https:// URL.');
  }
  if (url.username || url.password) {
    throw new DomainError('invalid', 'WEBHOOK.BAD_URL', 'url must not carry a user name or password.');
  }
  if (url.protocol === 'https:') return url.toString();
  if (url.protocol === 'http:' && allowHttp && LOOPBACK.has(url.hostname)) return url.toString();
  throw new DomainError('invalid', 'WEBHOOK.BAD_URL', 'url must be an https:// URL.');
}
