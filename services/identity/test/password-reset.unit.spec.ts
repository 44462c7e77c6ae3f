import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { expectEventually, readMails, requireToken } from '#libs/testing';
import { IdentityHarness, PUBLIC_URL } from './identity.harness.js';

const SENT = { message: 'If an account exists, we have sent an e-mail with a link to reset the password.' };

describe('identity: password reset and organisation users', () => {
  let h: IdentityHarness;
  const password = 'first long password';

  before(async () => {
    h = await IdentityHarness.start();
    await h.enter('C30000001', 'SECRETABCD');
    assert.equal((await h.register({ idNumber: 'C30000001', secretNumber: 'SECRETABCD', email: 'reset@example.com', password })).status, 201);
  });

  after(async () => {
    await h.close();
  });

  const requestReset = (body: Record<string, unknown>) => request(h.url).post('/api/v1/auth/password-reset').send(body);
  const confirm = (token: string, newPassword: string) =>
    request(h.url).post('/api/v1/auth/password-reset/confirm').send({ token, newPassword });
  const mailTo = (address: string) =>
    expectEventually(async () => {
      const mail = (await readMails(h.mailDir, { to: address })).at(-1)?.text;
      assert.ok(mail, `no mail to ${address}`);
      return mail;
    });

  it('mails a single-use link, and the new password replaces the old and ends old sessions', async () => {
    const session = (await h.login({ idNumber: 'C30000001', password })).body;
    const r = await requestReset({ idNumber: 'C30000001' });
    assert.equal(r.status, 202);
    assert.deepEqual(r.body, SENT);
    const mail = await mailTo('reset@example.com');
    assert.ok(mail.includes(`${PUBLIC_URL}/reset-password?token=`));
    const token = requireToken(mail, '/reset-password');
    assert.equal((await confirm(token, 'second long password')).status, 204);
    assert.equal((await h.login({ idNumber: 'C30000001', password })).status, 401);
    assert.equal((await h.login({ idNumber: 'C30000001', password: 'second long password' })).status, 200);
    await request(h.url).post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    const again = await confirm(token, 'third long password');
    assert.equal(again.status, 400);
    assert.match(again.body.message, /expired or was already used/);
  });

  it('answers the same for an unknown account, and refuses bad input', async () => {
    const unknown = await requestReset({ email: 'nobody@example.com' });
    assert.equal(unknown.status, 202);
    assert.deepEqual(unknown.body, SENT);
    await requestReset({ idNumber: 'C30000001', email: 'reset@example.com' }).expect(400);
    await requestReset({}).expect(400);
    await requestReset({ idNumber: { $gt: '' } }).expect(400);
    await confirm('no-such-token', 'long enough password').expect(400);
    await confirm('x', 'short').expect(400);
    await request(h.url).post('/api/v1/auth/password-reset/confirm').send({ token: 'x' }).expect(400);
  });

  it('lets an organisation e-mail user set a password by reset and log in with the org claim', async () => {
    const organisationId = randomUUID();
    await h.organisation({ organisationId, email: 'Admissions@Uni.example' });
    assert.equal((await h.login({ email: 'admissions@uni.example', password: 'anything at all' })).status, 401);
    assert.equal((await requestReset({ email: 'admissions@uni.example' })).status, 202);
    const token = requireToken(await mailTo('admissions@uni.example'), '/reset-password');
    assert.equal((await confirm(token, 'organisation password')).status, 204);
    const r = await h.login({ email: 'ADMISSIONS@uni.example', password: 'organisation password' });
    assert.equal(r.status, 200);
    const claims = decodeJwt(r.body.accessToken);
    assert.equal(claims.org, organisationId);
    assert.deepEqual(claims.roles, ['organisation']);
    // A repeat or a later change of the organisation keeps the password they set.
    await h.organisation({ organisationId, email: 'admissions@uni.example', name: 'Renamed' }, 2);
    assert.equal((await h.login({ email: 'admissions@uni.example', password: 'organisation password' })).status, 200);
  });

  it('lets the first user of an accepted invitation log in at once', async () => {
    const organisationId = randomUUID();
    const added = await h.addOrganisationUser({ organisationId, email: 'Jane@Corp.example', name: 'Jane Doe', password: 'invited user password' });
    assert.equal(added.status, 201);
    await h.organisation({ organisationId, email: 'jane@corp.example', firstUser: { email: 'jane@corp.example', contactName: 'Jane Doe' } });
    const r = await h.login({ email: 'jane@corp.example', password: 'invited user password' });
    assert.equal(r.status, 200);
    assert.equal(decodeJwt(r.body.accessToken).org, organisationId);
    // Another organisation cannot take over an address.
    await h.organisation({ organisationId: randomUUID(), email: 'jane@corp.example' });
    assert.equal(decodeJwt((await h.login({ email: 'jane@corp.example', password: 'invited user password' })).body.accessToken).org, organisationId);
  });

  it('sends at most 5 reset mails per account in 15 minutes, answering 202 all the same', async () => {
    await h.organisation({ organisationId: randomUUID(), email: 'limit@org.example' });
    const count = async () => (await readMails(h.mailDir, { to: 'limit@org.example' })).length;
    for (let i = 0; i < 5; i++) assert.equal((await requestReset({ email: 'limit@org.example' })).status, 202);
    await expectEventually(async () => assert.equal(await count(), 5));
    const sixth = await requestReset({ email: 'limit@org.example' });
    assert.equal(sixth.status, 202);
    assert.deepEqual(sixth.body, SENT);
    // A mail asked for after the sixth request (same steps: a token, then the mailer) is the
    // marker: the sixth's mail, had one been started, would have started first.
    await h.organisation({ organisationId: randomUUID(), email: 'after-limit@org.example' });
    assert.equal((await requestReset({ email: 'after-limit@org.example' })).status, 202);
    await mailTo('after-limit@org.example');
    assert.equal(await count(), 5);
  });
});
