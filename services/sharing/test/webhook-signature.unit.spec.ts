import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_TOLERANCE_SECONDS, signPayload, verifySignature } from '../src/webhooks/webhook.signature.js';

/** The receiver's replay window: a signature is only as good as its timestamp is fresh. */
describe('webhooks: verifySignature rejects timestamps outside the tolerance (replays)', () => {
  const secret = 'whsec_test';
  const body = '{"eventId":"e1","type":"ResultShared"}';
  const signedAt = 1_700_000_000;
  const signature = signPayload(secret, signedAt, body);
  const at = (seconds: number) => ({ now: seconds * 1000 });

  it('accepts a fresh delivery up to 5 minutes either way by default, and rejects one beyond', () => {
    assert.equal(DEFAULT_TOLERANCE_SECONDS, 300);
    assert.ok(verifySignature(secret, String(signedAt), body, signature, at(signedAt)));
    assert.ok(verifySignature(secret, String(signedAt), body, signature, at(signedAt + 300)), '5 minutes old: still accepted');
    assert.ok(verifySignature(secret, String(signedAt), body, signature, at(signedAt - 300)), '5 minutes ahead (clock skew): still accepted');
    assert.equal(verifySignature(secret, String(signedAt), body, signature, at(signedAt + 301)), false, 'replayed after 5 minutes');
    assert.equal(verifySignature(secret, String(signedAt), body, signature, at(signedAt + 86_400)), false, 'replayed a day later');
    assert.equal(verifySignature(secret, String(signedAt), body, signature, at(signedAt - 301)), false, 'from the future');
  });

  it('uses the receiver’s clock by default: an old, correctly signed delivery is refused now', () => {
    const now = Math.floor(Date.now() / 1000);
    assert.ok(verifySignature(secret, String(now), body, signPayload(secret, now, body)));
    assert.equal(verifySignature(secret, String(signedAt), body, signature), false);
  });

  it('takes a tolerance', () => {
    assert.ok(verifySignature(secret, String(signedAt), body, signature, { toleranceSeconds: 3_600, now: (signedAt + 3_000) * 1000 }));
    assert.equal(verifySignature(secret, String(signedAt), body, signature, { toleranceSeconds: 10, now: (signedAt + 11) * 1000 }), false);
  });

  it('rejects a timestamp that is not whole unix seconds, even when the HMAC over it matches', () => {
    for (const ts of ['', ' 1700000000', '1700000000.0', '1.7e9', '0x6553f100', '-1700000000', 'NaN']) {
      const forged = signPayload(secret, Number(ts), body);
      assert.equal(verifySignature(secret, ts, body, forged, { toleranceSeconds: Number.MAX_SAFE_INTEGER, now: signedAt * 1000 }), false, JSON.stringify(ts));
    }
  });

  it('still rejects a wrong secret, body or signature inside the window', () => {
    assert.equal(verifySignature('whsec_other', String(signedAt), body, signature, at(signedAt)), false);
    assert.equal(verifySignature(secret, String(signedAt), `${body} `, signature, at(signedAt)), false);
    assert.equal(verifySignature(secret, String(signedAt + 1), body, signature, at(signedAt)), false);
    assert.equal(verifySignature(secret, String(signedAt), body, signature.slice(0, -1), at(signedAt)), false);
  });
});
