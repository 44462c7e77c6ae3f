import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IdentityHarness } from './identity.harness.js';

describe('identity: candidate registration', () => {
  let h: IdentityHarness;
  const good = { idNumber: 'C10000001', secretNumber: 'K7PQ2XW9MR', email: 'Hanako@Example.com', password: 'correct horse battery' };

  before(async () => {
    h = await IdentityHarness.start();
    await h.enter('C10000001', 'K7PQ2XW9MR');
    await h.enter('C10000002', 'ABCDEFGHJK');
    await h.enter('C10000003', 'MNPQRSTUVW');
  });

  after(async () => {
    await h.close();
  });

  it('registers with the right ID Number and Secret Number', async () => {
    const r = await h.register(good);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.match(r.body.candidateId, /^[0-9a-f-]{36}$/);
    const login = await h.login({ idNumber: 'C10000001', password: good.password });
    assert.equal(login.status, 200);
  });

  it('refuses a second account for the same ID Number with a 409', async () => {
    const r = await h.register({ ...good, email: 'other@example.com', password: 'another password' });
    assert.equal(r.status, 409);
    assert.equal(r.body.statusCode, 409);
  });

  it('answers a wrong Secret Number and an unknown ID Number identically', async () => {
    const wrongSecret = await h.register({ ...good, idNumber: 'C10000002', secretNumber: 'WRONGWRONG' });
    const unknownId = await h.register({ ...good, idNumber: 'C99999999', secretNumber: 'ABCDEFGHJK' });
    assert.equal(wrongSecret.status, 400);
    assert.equal(unknownId.status, 400);
    assert.deepEqual(wrongSecret.body, unknownId.body);
    assert.equal(wrongSecret.body.message, 'The ID Number and Secret Number do not match our records.');
  });

  it('accepts a Secret Number typed in lower case', async () => {
    const r = await h.register({ ...good, idNumber: 'c10000002', secretNumber: 'abcdefghjk' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  });

  it('allows 10 attempts per ID Number in 15 minutes, then answers 429', async () => {
    for (let i = 0; i < 10; i++) {
      const r = await h.register({ ...good, idNumber: 'C10000003', secretNumber: `WRONG${i}` });
      assert.equal(r.status, 400);
    }
    const eleventh = await h.register({ ...good, idNumber: 'C10000003', secretNumber: 'MNPQRSTUVW' });
    assert.equal(eleventh.status, 429);
    assert.equal(eleventh.body.statusCode, 429);
  });

  it('refuses bad input with a 400 and a clear message', async () => {
    const cases: Record<string, unknown>[] = [
      { ...good, idNumber: { $gt: '' } },
      { idNumber: 'C10000001', secretNumber: 'K7PQ2XW9MR', password: 'long enough password' },
      { ...good, extra: true },
      { ...good, email: 'not-an-email' },
      { ...good, password: 'short' },
      { ...good, password: 'x'.repeat(201) },
    ];
    for (const body of cases) {
      const r = await h.register(body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.statusCode, 400);
      assert.ok(r.body.message);
    }
  });
});
