import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { isSealed, openSecret, parseKeyring, resealSecret, sealedKeyId, sealSecret, type WebhookKeyring } from './webhook-secret.cipher.js';

const newKey = (): string => randomBytes(32).toString('base64');
const keyring = (current: string, ...previous: string[]): WebhookKeyring => {
  const parsed = parseKeyring(current, previous);
  if (typeof parsed === 'string') assert.fail(parsed);
  return parsed;
};
const problem = (parsed: WebhookKeyring | string): string => (typeof parsed === 'string' ? parsed : 'no problem');
const SECRET = 'whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

describe('webhook secrets at rest (envelope encryption)', () => {
  it('seals a secret so that neither it nor its data key shows, and opens it again', () => {
    const ring = keyring(newKey());
    const sealed = sealSecret(ring, 'org-1', SECRET);
    assert.ok(isSealed(sealed));
    assert.ok(!sealed.includes(SECRET) && !sealed.includes(SECRET.slice(6, 20)));
    assert.equal(sealedKeyId(sealed), ring.current.id);
    assert.equal(openSecret(ring, 'org-1', sealed), SECRET);
    // A fresh data key and IVs each time: two seals of one secret differ.
    assert.notEqual(sealSecret(ring, 'org-1', SECRET), sealed);
  });

  it('fails loudly with a wrong key, a tampered value, or a secret moved to another subscription', () => {
    const sealed = sealSecret(keyring(newKey()), 'org-1', SECRET);
    const other = keyring(newKey());
    assert.throws(() => openSecret(other, 'org-1', sealed), /sealed with key .+, which is neither WEBHOOK_SECRET_KEY/);
    const ring = keyring(newKey());
    const mine = sealSecret(ring, 'org-1', SECRET);
    assert.throws(() => openSecret(ring, 'org-2', mine), /does not decrypt/);
    // One character of the secret's ciphertext changed (the middle of the last part's middle piece).
    const [iv, body, tag] = mine.slice(mine.lastIndexOf(':') + 1).split('.') as [string, string, string];
    const flipped = body.slice(0, 5) + (body[5] === 'A' ? 'B' : 'A') + body.slice(6);
    assert.throws(() => openSecret(ring, 'org-1', `${mine.slice(0, mine.lastIndexOf(':') + 1)}${iv}.${flipped}.${tag}`), /does not decrypt/);
  });

  it('rotates: a previous key still opens, and resealing moves the secret to the current key', () => {
    const [old, current] = [newKey(), newKey()];
    const sealedOld = sealSecret(keyring(old), 'org-1', SECRET);
    const ring = keyring(current, old);
    assert.equal(openSecret(ring, 'org-1', sealedOld), SECRET);
    const resealed = resealSecret(ring, 'org-1', sealedOld);
    assert.equal(sealedKeyId(resealed), ring.current.id);
    assert.equal(openSecret(keyring(current), 'org-1', resealed), SECRET);
  });

  it('reads a clear secret stored before encryption, and seals it on reseal', () => {
    const ring = keyring(newKey());
    assert.equal(sealedKeyId(SECRET), null);
    assert.equal(openSecret(ring, 'org-1', SECRET), SECRET);
    const sealed = resealSecret(ring, 'org-1', SECRET);
    assert.ok(isSealed(sealed) && !sealed.includes(SECRET));
    assert.equal(openSecret(ring, 'org-1', sealed), SECRET);
  });

  it('takes only 32-byte base64 keys, naming the variable at fault', () => {
    assert.match(problem(parseKeyring('c2hvcnQ=', [])), /WEBHOOK_SECRET_KEY must be 32 random bytes/);
    assert.match(problem(parseKeyring(newKey(), ['not base64 at all!'])), /WEBHOOK_SECRET_PREVIOUS_KEYS\[0\]/);
    assert.match(problem(parseKeyring(randomBytes(48).toString('base64'), [])), /32 random bytes/);
    const key = newKey();
    assert.equal(keyring(key).current.id, keyring(key).current.id);
    assert.notEqual(keyring(key).current.id, keyring(newKey()).current.id);
    assert.ok(!key.includes(keyring(key).current.id));
  });
});
