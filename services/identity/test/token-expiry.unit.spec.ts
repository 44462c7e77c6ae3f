import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { expectEventually, ManualClock, readMails, requireToken } from '#libs/testing';
import { REFRESH_TOKEN_DAYS } from '../src/security/refresh-tokens.js';
import { RESET_TOKEN_MINUTES } from '../src/security/reset-tokens.js';
import { IdentityHarness } from './identity.harness.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('identity: reset and refresh tokens expire with time', () => {
  const clock = new ManualClock(new Date());
  let h: IdentityHarness;
  let password = 'first long password';

  before(async () => {
    h = await IdentityHarness.start({}, clock);
    await h.enter('C40000001', 'SECRETABCD');
    assert.equal((await h.register({ idNumber: 'C40000001', secretNumber: 'SECRETABCD', email: 'expiry@example.com', password })).status, 201);
  });

  after(async () => {
    await h?.close();
  });

  const resetToken = async () => {
    const before = (await readMails(h.mailDir)).length;
    await request(h.url).post('/api/v1/auth/password-reset').send({ idNumber: 'C40000001' }).expect(202);
    const mail = await expectEventually(async () => {
      const mails = await readMails(h.mailDir);
      assert.ok(mails.length > before, 'a new mail');
      return mails.filter((m) => m.to === 'expiry@example.com').at(-1)?.text ?? '';
    });
    return requireToken(mail, '/reset-password');
  };
  const confirm = (token: string, newPassword: string) => request(h.url).post('/api/v1/auth/password-reset/confirm').send({ token, newPassword });
  const refresh = (refreshToken: string) => request(h.url).post('/api/v1/auth/refresh').send({ refreshToken });

  it(`refuses a reset link ${RESET_TOKEN_MINUTES} minutes after it was sent, and accepts one just before`, async () => {
    const stale = await resetToken();
    clock.advance(RESET_TOKEN_MINUTES * MINUTE);
    const refused = await confirm(stale, 'stale long password');
    assert.equal(refused.status, 400);
    assert.match(refused.body.message, /expired or was already used/);
    assert.equal((await h.login({ idNumber: 'C40000001', password: 'stale long password' })).status, 401, 'the password did not change');

    const fresh = await resetToken();
    clock.advance(RESET_TOKEN_MINUTES * MINUTE - 1_000);
    assert.equal((await confirm(fresh, 'fresh long password')).status, 204, 'one second before expiry');
    password = 'fresh long password';
    assert.equal((await h.login({ idNumber: 'C40000001', password })).status, 200);
  });

  it(`refuses a refresh token ${REFRESH_TOKEN_DAYS} days after it was issued, and accepts one just before`, async () => {
    const first = (await h.login({ idNumber: 'C40000001', password })).body as { refreshToken: string };
    clock.advance(REFRESH_TOKEN_DAYS * DAY - 1_000);
    const rotated = await refresh(first.refreshToken);
    assert.equal(rotated.status, 200, `one second before expiry: ${JSON.stringify(rotated.body)}`);
    const next = rotated.body.refreshToken as string;
    assert.ok(next && next !== first.refreshToken);

    const second = (await h.login({ idNumber: 'C40000001', password })).body as { refreshToken: string };
    clock.advance(REFRESH_TOKEN_DAYS * DAY);
    assert.equal((await refresh(second.refreshToken)).status, 401, 'expired');
    assert.equal((await refresh(next)).status, 401, 'the rotated one expired too: it had the same lifetime from its issue');
  });
});
