import { createHash, randomBytes } from 'node:crypto';

/** An opaque random token for a client to hold; only its hash is stored. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

export const hashOfToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
