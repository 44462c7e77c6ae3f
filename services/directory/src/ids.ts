import { createHash } from 'node:crypto';

/**
 * A deterministic UUID (version 8, RFC 9562 "custom") from the SHA-256 of a name: the same
 * organisation seeded twice, or an invitation accepted twice, gets the same id.
 */
export function uuidFrom(name: string): string {
  const h = createHash('sha256').update(name).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
