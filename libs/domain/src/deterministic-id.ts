import { createHash } from 'node:crypto';

/** The SHA-256 of a text (UTF-8), as 64 hex digits: token hashes, and the ground of deterministic ids. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * A UUID derived from a name (the first 128 bits of its SHA-256): the same name always gives the
 * same id, so a command sent twice, even at the same moment, or an import run twice, lands on the
 * same stream. `version` is the UUID's version digit, with the RFC 9562 variant bits: 8 ("custom",
 * the default) or 5 (share ids, made so from the start); `null` keeps the digest as it is, only
 * shaped 8-4-4-4-12. Changing either for an existing kind of id would change stored ids.
 */
export function deterministicUuid(name: string, version: 5 | 8 | null = 8): string {
  let hex = sha256Hex(name).slice(0, 32);
  if (version !== null) {
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    hex = `${hex.slice(0, 12)}${version}${hex.slice(13, 16)}${variant}${hex.slice(17)}`;
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
