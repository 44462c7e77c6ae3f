import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import request from 'supertest';
import { EventStore } from '#libs/event-store';
import { IdentityHarness } from './identity.harness.js';

/** POST /internal/organisation-users: how the directory gets an organisation's user before it appends the organisation. */
describe('identity: organisation users through the internal route', () => {
  let h: IdentityHarness;
  const admin = { email: 'ops@results.example', password: 'operator password 1' };

  before(async () => {
    h = await IdentityHarness.start({ adminEmail: admin.email, adminPassword: admin.password });
  });

  after(async () => {
    await h.close();
  });

  const add = (body: unknown) => h.addOrganisationUser(body);

  it('creates the user (201) with the password hashed here, so they log in at once with the organisation claim', async () => {
    const organisationId = randomUUID();
    const created = await add({ organisationId, email: ' Keiko@Aurora.example.edu ', name: 'Keiko Tanaka', password: 'invited user password' });
    assert.equal(created.status, 201);
    assert.match(created.body.userId, /^[0-9a-f-]{36}$/);
    const login = await h.login({ email: 'keiko@aurora.example.edu', password: 'invited user password' });
    assert.equal(login.status, 200);
    assert.equal(decodeJwt(login.body.accessToken).org, organisationId);
    const stored = await h.service.app.get(EventStore).readStream('user-keiko@aurora.example.edu');
    assert.match(JSON.stringify(stored), /\$argon2id\$/);
    assert.doesNotMatch(JSON.stringify(stored), /invited user password/);
  });

  it('answers a repeat for the same organisation with 200 and the same user, never changing the password', async () => {
    const organisationId = randomUUID();
    const first = await add({ organisationId, email: 'office@repeat.example.edu', name: 'A Person', password: 'first long password' });
    assert.equal(first.status, 201);
    const again = await add({ organisationId, email: 'OFFICE@repeat.example.edu', name: 'A Person', password: 'other long password' });
    assert.equal(again.status, 200);
    assert.equal(again.body.userId, first.body.userId);
    assert.equal((await h.login({ email: 'office@repeat.example.edu', password: 'first long password' })).status, 200);
    assert.equal((await h.login({ email: 'office@repeat.example.edu', password: 'other long password' })).status, 401);
    // Without a password (the operator's registration), a repeat is the same.
    const plain = randomUUID();
    assert.equal((await add({ organisationId: plain, email: 'hr@plain.example.com', name: null })).status, 201);
    assert.equal((await add({ organisationId: plain, email: 'hr@plain.example.com', name: null })).status, 200);
  });

  it("refuses with 409 ACCOUNT.EMAIL_TAKEN the operator's address and another organisation's", async () => {
    const operator = await add({ organisationId: randomUUID(), email: 'OPS@results.example', name: null });
    assert.equal(operator.status, 409);
    assert.equal(operator.body.code, 'ACCOUNT.EMAIL_TAKEN');
    assert.equal(operator.body.message, 'This e-mail address already belongs to another account.');
    const owner = randomUUID();
    assert.equal((await add({ organisationId: owner, email: 'admissions@taken.example.ac.jp', name: null })).status, 201);
    const other = await add({ organisationId: randomUUID(), email: 'admissions@taken.example.ac.jp', name: 'X', password: 'a long enough password' });
    assert.equal(other.status, 409);
    assert.equal(other.body.code, 'ACCOUNT.EMAIL_TAKEN');
    // The operator still logs in as the operator.
    assert.deepEqual(decodeJwt((await h.login(admin)).body.accessToken).roles, ['exam-centre', 'operator']);
  });

  it("lets a candidate's address become an organisation's (candidates log in by ID Number: no clash)", async () => {
    await h.enter('C30000001', 'SECRET3456');
    assert.equal((await h.register({ idNumber: 'C30000001', secretNumber: 'SECRET3456', email: 'kenji@mail.example', password: 'candidate password' })).status, 201);
    assert.equal((await add({ organisationId: randomUUID(), email: 'kenji@mail.example', name: 'Kenji', password: 'organisation password' })).status, 201);
    assert.equal((await h.login({ idNumber: 'C30000001', password: 'candidate password' })).status, 200);
    assert.deepEqual(decodeJwt((await h.login({ email: 'kenji@mail.example', password: 'organisation password' })).body.accessToken).roles, ['organisation']);
  });

  it('refuses a malformed body with 400 (a trust boundary too)', async () => {
    const valid = { organisationId: randomUUID(), email: 'x@valid.example.com', name: 'X', password: 'a long enough password' };
    // null: refused before the route runs (the listener's own checks on every body, e.g. lone surrogates).
    const cases: [unknown, RegExp | null][] = [
      [[valid], /JSON object/],
      [{ ...valid, passwordHash: '$argon2id$v=19$...' }, /Unknown properties: passwordHash/],
      [{ ...valid, organisationId: 'org-1' }, /organisationId must be a UUID/],
      [{ ...valid, organisationId: { $gt: '' } }, /organisationId must be a UUID/],
      [{ ...valid, email: 'nobody' }, /email must be an e-mail address/],
      [{ ...valid, email: 'a\ud800@example.com' }, null],
      [{ ...valid, name: '' }, /name must be null or a name/],
      [{ ...valid, name: 'evil\u202Etxt' }, null],
      [{ organisationId: valid.organisationId, email: valid.email }, /name must be null or a name/],
      [{ ...valid, password: 'short' }, /password must be 10 to 200 characters long/],
      [{ ...valid, password: 12345678901 }, /password must be 10 to 200 characters long/],
    ];
    for (const [body, message] of cases) {
      const r = await add(body);
      assert.equal(r.status, 400, JSON.stringify(body));
      if (!message) continue;
      assert.equal(r.body.code, 'ACCOUNT.INVALID_USER');
      assert.match(r.body.message, message);
    }
    assert.equal((await h.login({ email: valid.email, password: valid.password })).status, 401);
  });

  it('is not served on the API port (the one the gateway forwards to)', async () => {
    const body = { organisationId: randomUUID(), email: 'sneaky@public.example.com', name: null, password: 'a long enough password' };
    const r = await request(h.url).post('/internal/organisation-users').send(body);
    assert.ok(r.status === 404 || r.status === 401, `answered ${r.status}`);
    assert.equal((await add(body)).status, 201);
  });

  it('takes no password from an event, even an old one that still carries a hash', async () => {
    const organisationId = randomUUID();
    const legacy = { email: 'legacy@old.example.edu', contactName: 'Old Timer', passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$aGFzaA' };
    await h.organisation({ organisationId, email: 'legacy@old.example.edu', firstUser: legacy });
    // The message was not dead-lettered (the upcaster dropped the hash): its user exists, without a password.
    const stored = await h.service.app.get(EventStore).readStream('user-legacy@old.example.edu');
    assert.equal(stored.length, 1);
    assert.doesNotMatch(JSON.stringify(stored), /argon2/);
    assert.equal((await add({ organisationId, email: 'legacy@old.example.edu', name: null })).status, 200);
  });
});
