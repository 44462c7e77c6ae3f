import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { httpRoutes } from '#libs/contracts';
import { IdentityHarness } from './identity.harness.js';

describe('GET /api/v1/me: the signed-in account', () => {
  const admin = { email: 'ops@results.example', password: 'operator password 1' };
  let h: IdentityHarness;

  before(async () => {
    h = await IdentityHarness.start({ adminEmail: admin.email, adminPassword: admin.password });
  });

  after(async () => {
    await h?.close();
  });

  const me = (token?: string) => {
    const call = request(h.url).get(httpRoutes.myAccount.path);
    return token ? call.set('authorization', `Bearer ${token}`) : call;
  };
  const tokenOf = async (body: Record<string, unknown>) => {
    const login = await h.login(body);
    assert.equal(login.status, 200, JSON.stringify(login.body));
    return login.body.accessToken as string;
  };

  it('shows a candidate by ID Number, without credentials', async () => {
    await h.enter('C20000001', 'S-secret-1');
    const registered = await h.register({ idNumber: 'C20000001', secretNumber: 'S-secret-1', email: 'Hanako@Example.com', password: 'a long password' });
    assert.equal(registered.status, 201);
    const r = await me(await tokenOf({ idNumber: 'C20000001', password: 'a long password' }));
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, {
      accountId: registered.body.candidateId,
      roles: ['candidate'],
      idNumber: 'C20000001',
      notifications: { shareOpened: false, resultAmended: false },
    });
  });

  it('shows an organisation user by e-mail, with the name given and the organisation', async () => {
    const organisationId = randomUUID();
    const added = await h.addOrganisationUser({ organisationId, email: 'aki@aurora.example.edu', name: 'Aki Tanaka', password: 'org password 12' });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const r = await me(await tokenOf({ email: 'aki@aurora.example.edu', password: 'org password 12' }));
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { accountId: added.body.userId, roles: ['organisation'], email: 'aki@aurora.example.edu', organisationId, name: 'Aki Tanaka' });
  });

  it('shows the operator with both staff roles', async () => {
    const r = await me(await tokenOf(admin));
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.body).sort(), ['accountId', 'email', 'roles']);
    assert.equal(r.body.email, admin.email);
    assert.deepEqual(r.body.roles, ['exam-centre', 'operator']);
  });

  it('needs a valid token', async () => {
    assert.equal((await me()).status, 401);
    assert.equal((await me('not-a-token')).status, 401);
  });
});
