import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';

/** argon2id for every secret identity keeps (passwords; the Secret Numbers come hashed from results). */
export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

/** A malformed stored hash counts as a mismatch, never as a server error. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

export const isArgon2idHash = (hash: string): boolean => hash.startsWith('$argon2id$');

let dummy: Promise<string> | null = null;

/**
 * Verifies against a throw-away hash when there is no account (or no password) to check, so an
 * unknown identifier takes about as long to refuse as a wrong password: timing tells nothing.
 */
export async function verifyDummy(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
  return false;
}
