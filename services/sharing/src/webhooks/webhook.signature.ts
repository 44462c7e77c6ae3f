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

/** How far a delivery's timestamp may be from the receiver's clock, either way: 5 minutes. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export interface VerifyOptions {
  /** Seconds the timestamp may be older or newer than `now` (default 300). */
  toleranceSeconds?: number;
  /** The receiver's clock, in milliseconds since the epoch (default Date.now()). */
  now?: number;
}

/**
 * What a receiver does; here for the tests and as a reference implementation. False when the
 * timestamp is not whole unix seconds, lies more than the tolerance in the past (a replay) or in
 * the future, or when the signature does not match.
 */
export function verifySignature(secret: string, timestamp: string, body: string, header: string, options: VerifyOptions = {}): boolean {
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = (options.now ?? Date.now()) / 1000;
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > tolerance) return false;
  const expected = Buffer.from(signPayload(secret, Number(timestamp), body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A fresh signing secret: 32 random bytes, prefixed so it is recognisable in a receiver's config. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;
