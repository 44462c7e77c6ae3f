import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Webhook signing secrets at rest, by envelope encryption (node:crypto, AES-256-GCM): each
 * secret is encrypted with a data key of its own, made for it, and the data key is encrypted
 * ("wrapped") with the master key WEBHOOK_SECRET_KEY. The stored form names the master key by an
 * id (a fingerprint of the key, not the key), so a key can be rotated: the new one encrypts, the
 * earlier ones (WEBHOOK_SECRET_PREVIOUS_KEYS) still decrypt, and stored secrets are re-wrapped.
 *
 *   sealed:v1:<key id>:<iv.wrapped data key.tag>:<iv.ciphertext.tag>   (base64url parts)
 *
 * The secret's ciphertext is bound to its subscription (the organisation id is authenticated
 * data), so a sealed secret copied onto another subscription does not open.
 */
export interface WebhookKeyring {
  /** Encrypts new secrets. */
  current: MasterKey;
  /** Every key that may decrypt, the current one included, by id. */
  byId: ReadonlyMap<string, MasterKey>;
}

export interface MasterKey {
  id: string;
  key: Buffer;
}

const PREFIX = 'sealed:v1:';

/** Parses base64 keys (the first encrypts); answers the problems instead of throwing, for EnvReader-style reporting. */
export function parseKeyring(current: string, previous: readonly string[]): WebhookKeyring | string {
  const keys: MasterKey[] = [];
  for (const [i, encoded] of [current, ...previous].entries()) {
    const key = Buffer.from(encoded, 'base64');
    const name = i === 0 ? 'WEBHOOK_SECRET_KEY' : `WEBHOOK_SECRET_PREVIOUS_KEYS[${i - 1}]`;
    if (!/^[A-Za-z0-9+/]{43}=?$/.test(encoded) || key.length !== 32) {
      return `${name} must be 32 random bytes in base64 (44 characters, e.g. from \`openssl rand -base64 32\`)`;
    }
    keys.push({ id: keyId(key), key });
  }
  return { current: keys[0], byId: new Map(keys.map((k) => [k.id, k])) };
}

/** A key's public name: the first 64 bits of SHA-256 over a label and the key. */
export const keyId = (key: Buffer): string => createHash('sha256').update('webhook-secret-key:').update(key).digest('base64url').slice(0, 11);

export const isSealed = (stored: string): boolean => stored.startsWith(PREFIX);

/** The key id a sealed secret was wrapped with; null for a clear (pre-encryption) one. */
export const sealedKeyId = (stored: string): string | null => (isSealed(stored) ? stored.slice(PREFIX.length).split(':')[0] : null);

export function sealSecret(keyring: WebhookKeyring, subscriptionId: string, secret: string): string {
  const dataKey = randomBytes(32);
  const wrapped = gcm(keyring.current.key, dataKey, Buffer.from(keyring.current.id));
  const sealed = gcm(dataKey, Buffer.from(secret, 'utf8'), Buffer.from(subscriptionId));
  return `${PREFIX}${keyring.current.id}:${wrapped}:${sealed}`;
}

/**
 * The clear secret. A stored clear secret (written before encryption) is answered as is. Throws,
 * naming the key id, when the key that sealed it is not configured or the data does not
 * authenticate (wrong key, tampering, or a secret moved from another subscription).
 */
export function openSecret(keyring: WebhookKeyring, subscriptionId: string, stored: string): string {
  if (!isSealed(stored)) return stored;
  const [id, wrapped, sealed] = stored.slice(PREFIX.length).split(':');
  const master = keyring.byId.get(id ?? '');
  if (!master || !wrapped || !sealed) {
    throw new Error(
      `the webhook secret of ${subscriptionId} was sealed with key ${id}, which is neither WEBHOOK_SECRET_KEY (${keyring.current.id}) nor one of WEBHOOK_SECRET_PREVIOUS_KEYS`,
    );
  }
  try {
    const dataKey = ungcm(master.key, wrapped, Buffer.from(master.id));
    return ungcm(dataKey, sealed, Buffer.from(subscriptionId)).toString('utf8');
  } catch {
    throw new Error(`the webhook secret of ${subscriptionId} does not decrypt with key ${id}: the key or the stored secret is wrong`);
  }
}

/** Seals a stored secret again under the current key (rotation), or seals a clear one; the secret itself is unchanged. */
export function resealSecret(keyring: WebhookKeyring, subscriptionId: string, stored: string): string {
  return sealSecret(keyring, subscriptionId, openSecret(keyring, subscriptionId, stored));
}

function gcm(key: Buffer, plain: Buffer, aad: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
}

function ungcm(key: Buffer, sealed: string, aad: Buffer): Buffer {
  const [iv, body, tag] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !body || !tag || iv.length !== 12 || tag.length !== 16) throw new Error('malformed sealed value');
  const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(aad).setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}
