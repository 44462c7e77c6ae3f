import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { Api, runTag, sampleResult } from './api.js';
import { Budgets, FIRST_BOOT_SETTLE_MS, poll } from './poll.js';
import { modes, startSystem, type SystemUnderTest } from './system.js';

interface Candidate {
  idNumber: string;
  token: string;
  resultId: string;
}

for (const mode of modes()) {
  describe(`rules that must hold (${mode} mode)`, () => {
    let system: SystemUnderTest;
    let api: Api;
    let budgets: Budgets;
    let admin: string;
    const tag = runTag();
    let alice: Candidate;
    let bob: Candidate;
    let orgA: { token: string; recipientId: string };
    let orgB: { token: string };

    const enter = async (name: string) => {
      const entry = await api.post('/api/v1/admin/entries', { name, dateOfBirth: '2000-01-01', exam: 'C1 Advanced', centre: 'JP001' }, admin).expect(201);
      return entry.body as { idNumber: string; secretNumber: string };
    };
    const candidate = async (name: string): Promise<Candidate> => {
      const { idNumber, secretNumber } = await enter(name);
      const result = await api.post('/api/v1/admin/results', sampleResult(idNumber), admin).expect(201);
      const password = `${name} has a long password`;
      await api.register({ idNumber, secretNumber, email: `${name}-${tag}@mail.example`, password }, budgets.deadline());
      return { idNumber, token: await api.login({ idNumber, password }), resultId: result.body.resultId };
    };
    const organisation = async (name: string, kind = 'education') => {
      const email = `${name.toLowerCase()}-${tag}@org.example`;
      const r = await api
        .post('/api/v1/admin/organisations', { name: `${name} ${tag}`, kind, country: 'United Kingdom', website: `https://${name.toLowerCase()}-${tag}.example`, email }, admin)
        .expect(201);
      return { email, recipientId: r.body.recipients[0].recipientId as string };
    };
    const orgLogin = async (email: string) => {
      const token = await api.resetToken(system.mailDir, email, budgets.deadline());
      await api.post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'organisation password' }).expect(204);
      return api.login({ email, password: 'organisation password' });
    };

    before(async () => {
      system = await startSystem(mode, 'none');
      budgets = new Budgets(FIRST_BOOT_SETTLE_MS, system.healthyAt);
      api = new Api(system.url);
      admin = await api.login({ email: system.adminEmail, password: system.adminPassword });
      [alice, bob] = await Promise.all([candidate('alice'), candidate('bob')]);
      const [a, b] = await Promise.all([organisation('Alpha'), organisation('Beta')]);
      orgA = { recipientId: a.recipientId, token: await orgLogin(a.email) };
      orgB = { token: await orgLogin(b.email) };
    });
    after(async () => {
      await system?.stop();
    });

    it('a candidate reaches only their own results and shares', async () => {
      const mine = await poll(() => api.get('/api/v1/me/results', alice.token), {
        what: "alice's result",
        deadline: budgets.deadline(),
        accept: (a) => ((a.body as { items: { resultId: string }[] }).items.length === 1 ? (a.body as { items: { resultId: string }[] }).items : undefined),
      });
      assert.equal(mine[0].resultId, alice.resultId);
      await api.get(`/api/v1/me/results/${bob.resultId}/statement`, alice.token).expect(404);
      const stolen = await api.post('/api/v1/me/shares', { resultId: bob.resultId, recipientId: orgA.recipientId, consent: true }, alice.token);
      assert.equal(stolen.status, 404);
      const sent = await poll(() => api.post('/api/v1/me/shares', { resultId: alice.resultId, recipientId: orgA.recipientId, consent: true }, alice.token), {
        what: "POST /me/shares of alice's result",
        deadline: budgets.deadline(),
        retryOn: [404],
        accept: (a) => (a.status === 201 ? (a.body as { shareId: string }) : undefined),
      });
      const listed = (n: number) => (a: { body?: unknown }) => ((a.body as { items: unknown[] }).items.length === n ? true : undefined);
      await poll(() => api.get('/api/v1/me/shares', alice.token), { what: "alice's share listed", deadline: budgets.deadline(), accept: listed(1) });
      assert.deepEqual((await api.get('/api/v1/me/shares', bob.token).expect(200)).body.items, []);
      // An organisation user sees only shares sent to its own accounts.
      await poll(() => api.get('/api/v1/institution/shares', orgA.token), { what: "the share in A's inbox", deadline: budgets.deadline(), accept: listed(1) });
      assert.deepEqual((await api.get('/api/v1/institution/shares', orgB.token).expect(200)).body.items, []);
      await api.get(`/api/v1/institution/shares/${sent.shareId}`, orgB.token).expect(404);
      await api.get(`/api/v1/institution/shares/${randomUUID()}`, orgA.token).expect(404);
    });

    it("a candidate's token gets nothing from organisation or admin routes, and the reverse", async () => {
      for (const [method, path] of [
        ['get', '/api/v1/institution/shares'],
        ['post', '/api/v1/admin/entries'],
        ['post', '/api/v1/admin/results'],
        ['post', '/api/v1/admin/organisations'],
      ] as const) {
        const r = method === 'get' ? await api.get(path, alice.token) : await api.post(path, {}, alice.token);
        assert.equal(r.status, 403, `${method} ${path}`);
        assert.equal(r.body.items, undefined);
      }
      for (const path of ['/api/v1/me/results', '/api/v1/me/shares', '/api/v1/directory/search?q=Alpha']) {
        assert.equal((await api.get(path, orgA.token)).status, 403, path);
      }
      assert.equal((await api.post('/api/v1/admin/entries', { name: 'X', dateOfBirth: '2000-01-01', exam: 'x', centre: 'y' }, orgA.token)).status, 403);
      assert.equal((await api.get('/api/v1/me/results')).status, 401);
      assert.equal((await api.get('/api/v1/me/results', 'not-a-token')).status, 401);
    });

    it('registration and password reset answer the same whether or not the ID Number or e-mail exists', async () => {
      const { idNumber } = await enter('carol');
      // Wrong either way, so the answer is 400 before and after the entry reaches identity.
      const wrongSecret = await api.post('/api/v1/candidates', { idNumber, secretNumber: 'WRONGSECRET', email: `carol-${tag}@mail.example`, password: 'carol long password' });
      assert.equal(wrongSecret.status, 400);
      const unknownId = await api.post('/api/v1/candidates', { idNumber: 'C00000001', secretNumber: 'WRONGSECRET', email: `x-${tag}@mail.example`, password: 'carol long password' });
      assert.equal(unknownId.status, wrongSecret.status);
      assert.deepEqual(unknownId.body, wrongSecret.body);
      assert.doesNotMatch(JSON.stringify(wrongSecret.body), /secret number is wrong|id number is wrong|not found/i);
      const known = await api.post('/api/v1/auth/password-reset', { idNumber: alice.idNumber }).expect(202);
      const unknown = await api.post('/api/v1/auth/password-reset', { idNumber: 'C99999999' }).expect(202);
      assert.deepEqual(known.body, unknown.body);
      const knownEmail = await api.post('/api/v1/auth/password-reset', { email: `alice-${tag}@mail.example` }).expect(202);
      const unknownEmail = await api.post('/api/v1/auth/password-reset', { email: `nobody-${tag}@mail.example` }).expect(202);
      assert.deepEqual(knownEmail.body, unknownEmail.body);
    });

    it('at most 10 registration attempts per ID Number in 15 minutes, then 429', async () => {
      const { idNumber } = await enter('dave');
      const attempt = () => api.post('/api/v1/candidates', { idNumber, secretNumber: 'WRONGSECRET', email: `dave-${tag}@mail.example`, password: 'dave long password' });
      assert.equal((await attempt()).status, 400);
      let statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await attempt()).status);
      assert.ok(statuses.includes(429), `no 429 in ${statuses.join(',')}`);
      statuses = [(await attempt()).status];
      assert.deepEqual(statuses, [429]);
    });

    it('bad input gets a clear 4xx, never a 500, and writes nothing', async () => {
      const bad: [string, unknown, string?][] = [
        ['/api/v1/candidates', { idNumber: { $gt: '' }, secretNumber: 'x', email: 'a@b.c', password: 'long enough pw' }],
        ['/api/v1/auth/login', { idNumber: { $gt: '' }, password: { $ne: null } }],
        ['/api/v1/admin/entries', { name: 'X', dateOfBirth: 'yesterday', exam: 'x', centre: 'y' }, admin],
        ['/api/v1/admin/entries', { name: 'X', dateOfBirth: '2000-01-01', exam: 'x', centre: 'y', role: 'admin' }, admin],
        ['/api/v1/admin/results', { ...sampleResult(alice.idNumber), overallScore: 'high' }, admin],
        ['/api/v1/admin/results', { ...sampleResult(alice.idNumber), restrictions: ['no-such-thing'] }, admin],
        ['/api/v1/admin/organisations', { name: 'Y', kind: 'spaceport', country: 'UK', website: 'nope', email: 'nope' }, admin],
        ['/api/v1/me/shares', { resultId: alice.resultId, recipientId: orgA.recipientId, consent: false }, alice.token],
        ['/api/v1/me/shares', { resultId: alice.resultId, recipientId: orgA.recipientId }, alice.token],
        ['/api/v1/directory/invitations', { organisationName: 'Z', email: 'not-an-email', website: 'x' }, alice.token],
      ];
      for (const [path, body, token] of bad) {
        const r = await api.post(path, body, token);
        assert.ok(r.status >= 400 && r.status < 500, `${path} ${JSON.stringify(body)} → ${r.status}`);
        assert.equal(r.body.statusCode, r.status);
        assert.ok(r.body.message, 'a message a person can read');
      }
      const malformed = await request(system.url).post('/api/v1/auth/login').set('content-type', 'application/json').send('{"idNumber": ');
      assert.equal(malformed.status, 400);
      const huge = await request(system.url).post('/api/v1/auth/login').send({ email: 'a@b.c', password: 'x'.repeat(200_000) });
      assert.equal(huge.status, 413);
      assert.equal((await api.post('/api/v1/admin/results', sampleResult('C00000000'), admin)).status, 404);
      assert.equal((await api.post('/api/v1/me/shares', { resultId: randomUUID(), recipientId: orgA.recipientId, consent: true }, alice.token)).status, 404);
      assert.equal((await api.post('/api/v1/me/shares', { resultId: alice.resultId, recipientId: randomUUID(), consent: true }, alice.token)).status, 404);
      assert.equal((await api.get('/api/v1/directory/search?q=', alice.token)).status, 400);
      // Nothing was written by the refused calls: still the one share from the first test.
      assert.equal((await api.get('/api/v1/me/shares', alice.token).expect(200)).body.items.length, 1);
    });

    it('serves the OpenAPI document of the public API', async () => {
      const doc = await api.get('/api/docs-json').expect(200);
      for (const path of ['/api/v1/candidates', '/api/v1/auth/login', '/api/v1/me/shares', '/api/v1/directory/search', '/api/v1/admin/entries']) {
        assert.ok(doc.body.paths[path], `${path} is documented`);
      }
    });
  });
}
