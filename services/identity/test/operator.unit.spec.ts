import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import request from 'supertest';
import { IdentityModule } from '../src/identity.module.js';
import { IdentityHarness } from './identity.harness.js';

describe('identity: operator account and signing key across restarts', () => {
  let h: IdentityHarness | null = null;

  after(async () => {
    await h?.close();
  });

  it('creates the operator, keeps the signing key, and follows a changed ADMIN_PASSWORD', async () => {
    h = await IdentityHarness.start({ adminEmail: 'admin@results.example', adminPassword: 'first admin password' });
    const first = await h.login({ email: 'admin@results.example', password: 'first admin password' });
    assert.equal(first.status, 200);
    assert.deepEqual(decodeJwt(first.body.accessToken).roles, ['exam-centre', 'operator']);
    const jwks = (await request(h.url).get('/.well-known/jwks.json').expect(200)).body;
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0].d, undefined, 'the JWKS must not carry the private key');
    h.identityOptions = { adminEmail: 'admin@results.example', adminPassword: 'second admin password' };
    await h.restart();
    assert.equal((await h.login({ email: 'admin@results.example', password: 'first admin password' })).status, 401);
    const second = await h.login({ email: 'admin@results.example', password: 'second admin password' });
    assert.equal(second.status, 200);
    assert.equal(decodeProtectedHeader(second.body.accessToken).kid, decodeProtectedHeader(first.body.accessToken).kid);
    assert.deepEqual((await request(h.url).get('/.well-known/jwks.json').expect(200)).body, jwks);
    // A rotated ADMIN_PASSWORD ends the sessions begun with the old one; new ones refresh.
    await request(h.url).post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(401);
    await request(h.url).post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(200);
  });

  it('fails fast on a half-given operator configuration', () => {
    assert.throws(() => IdentityModule.register({} as never, { adminEmail: 'a@b.example' }), /ADMIN_EMAIL and ADMIN_PASSWORD/);
    assert.throws(() => IdentityModule.register({} as never, { adminEmail: 'a@b.example', adminPassword: 'short' }), /10 to 200/);
  });
});
