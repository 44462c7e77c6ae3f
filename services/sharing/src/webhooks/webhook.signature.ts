import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures. Each delivery carries
 *   x-results-timestamp: <unix seconds>
 *   x-results-signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 * A receiver verifies by recomputing the HMAC over the timestamp, a dot and the raw request
 * body bytes (before any JSON parsing), comparing in constant time, and rejecting timestamps
 * more than a few minutes old (replays). It dedupes by x-results-event-id: delivery is at least once.
 */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does; here for the tests and as a reference implementation. */
export function verifySignature(secret: string, timestamp: string, body: string, header: string): boolean {
  const expected = Buffer.from(signPayload(secret, Number(timestamp), body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A fresh signing secret: 32 random bytes, prefixed so it is recognisable in a receiver's config. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;
