import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import request from 'supertest';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '#libs/auth';
import { IdentityHarness } from './identity.harness.js';

describe('identity: log-in, access tokens and refresh', () => {
  let h: IdentityHarness;
  const password = 'my own long password';
  const admin = { email: 'Ops@Results.example', password: 'operator password 1' };

  before(async () => {
    h = await IdentityHarness.start({ adminEmail: admin.email, adminPassword: admin.password });
    await h.enter('C20000001', 'SECRET2345');
    const r = await h.register({ idNumber: 'C20000001', secretNumber: 'SECRET2345', email: 'cand@example.com', password });
    assert.equal(r.status, 201);
  });

  after(async () => {
    await h.close();
  });

  const verify = (token: string) =>
    jwtVerify(token, createRemoteJWKSet(new URL(h.jwksUrl)), { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithms: ['ES256'] });

  it('logs a candidate in by ID Number with an ES256 token that verifies against the JWKS', async () => {
    const r = await h.login({ idNumber: 'C20000001', password });
    assert.equal(r.status, 200);
    assert.equal(r.body.tokenType, 'Bearer');
    assert.equal(r.body.expiresIn, 900);
    assert.ok(r.body.refreshToken.length >= 40);
    const { payload, protectedHeader } = await verify(r.body.accessToken);
    assert.equal(protectedHeader.alg, 'ES256');
    assert.ok(protectedHeader.kid);
    assert.equal(payload.idn, 'C20000001');
    assert.deepEqual(payload.roles, ['candidate']);
    assert.ok(payload.jti && payload.sub);
    assert.ok(payload.exp! - payload.iat! === 900);
  });

  it('refuses a wrong password and an unknown account alike with a 401', async () => {
    const wrong = await h.login({ idNumber: 'C20000001', password: 'not my password' });
    const unknown = await h.login({ idNumber: 'C29999999', password });
    const unknownEmail = await h.login({ email: 'nobody@example.com', password });
    for (const r of [wrong, unknown, unknownEmail]) {
      assert.equal(r.status, 401);
      assert.equal(r.body.message, 'Incorrect ID Number, e-mail or password.');
    }
    assert.deepEqual(wrong.body, unknown.body);
  });

  it('logs the operator in by e-mail with both staff roles', async () => {
    const r = await h.login({ email: 'ops@results.example', password: admin.password });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const { payload } = await verify(r.body.accessToken);
    assert.deepEqual(payload.roles, ['exam-centre', 'operator']);
    assert.equal(payload.idn, undefined);
  });

  it('rotates refresh tokens, and a replayed one revokes its whole family', async () => {
    const first = (await h.login({ idNumber: 'C20000001', password })).body;
    const second = await request(h.url).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    assert.equal(second.status, 200);
    assert.notEqual(second.body.refreshToken, first.refreshToken);
    assert.equal((await verify(second.body.accessToken)).payload.idn, 'C20000001');
    const replay = await request(h.url).post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
    assert.equal(replay.status, 401);
    // The thief's replay also ends the rightful holder's later token of that login.
    const later = await request(h.url).post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken });
    assert.equal(later.status, 401);
    // Another login is another family, untouched.
    const other = (await h.login({ idNumber: 'C20000001', password })).body;
    await request(h.url).post('/api/v1/auth/refresh').send({ refreshToken: other.refreshToken }).expect(200);
  });

  it('answers 429 after 10 failed log-ins for one identifier', async () => {
    await h.enter('C20000002', 'SECRET6789');
    await h.register({ idNumber: 'C20000002', secretNumber: 'SECRET6789', email: 'b@example.com', password });
    for (let i = 0; i < 10; i++) assert.equal((await h.login({ idNumber: 'C20000002', password: `wrong ${i}` })).status, 401);
    const r = await h.login({ idNumber: 'C20000002', password });
    assert.equal(r.status, 429);
  });

  it('refuses bad input with a 400', async () => {
    const cases: Record<string, unknown>[] = [
      { idNumber: { $gt: '' }, password },
      { idNumber: 'C20000001', email: 'cand@example.com', password },
      { password },
      { idNumber: 'C20000001' },
      { idNumber: 'C20000001', password, extra: 1 },
    ];
    for (const body of cases) {
      const r = await h.login(body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.ok(r.body.message);
    }
    await request(h.url).post('/api/v1/auth/refresh').send({ refreshToken: { $ne: null } }).expect(400);
    await request(h.url).post('/api/v1/auth/refresh').send({ refreshToken: 'made-up' }).expect(401);
  });
});
