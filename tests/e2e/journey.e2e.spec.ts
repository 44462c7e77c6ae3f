import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectEventually } from '#libs/testing';
import { Api, runTag, sampleResult } from './api.js';
import { tokenFromMail } from './mail.js';
import { modes, startSystem, type SystemUnderTest } from './system.js';

const seedFor = (mode: string): 'full' | 'none' => (mode === 'embedded' || process.env.E2E_DISTRIBUTED_SEED === 'full' ? 'full' : 'none');

for (const mode of modes()) {
  describe(`the whole journey through the gateway (${mode} mode)`, () => {
    let system: SystemUnderTest;
    let api: Api;
    const tag = runTag();
    const orgName = `Zephyrine University ${tag}`;
    const orgEmail = `admissions-${tag}@zephyrine.example`;
    const state: Record<string, string> = {};

    before(async () => {
      // Distributed mode runs on FerretDB, whose SQLite backend scans whole collections for
      // non-_id queries and updates: with the 10k-university import the directory's writes take
      // seconds (see the README's known limits). The import itself is covered in embedded mode
      // here and against OpenSearch by the directory-index engine suite.
      system = await startSystem(mode, seedFor(mode));
      api = new Api(system.url);
    });
    after(async () => {
      await system?.stop();
    });

    it('is healthy', async () => {
      const r = await api.get('/health').expect(200);
      assert.equal(r.body.status, 'ok');
    });

    it('the operator adds an organisation with two departments', async () => {
      state.admin = await api.login({ email: system.adminEmail, password: system.adminPassword });
      const r = await api
        .post('/api/v1/admin/organisations', {
          name: orgName,
          kind: 'education',
          country: 'Japan',
          website: `https://zephyrine-${tag}.example.ac.jp`,
          email: orgEmail,
          aliases: [`ZU${tag}`],
          accounts: [{ department: 'Faculty of Law' }, { department: 'Graduate School of Engineering' }],
        }, state.admin)
        .expect(201);
      assert.equal(r.body.recipients.length, 2);
      state.organisationId = r.body.organisationId;
      state.lawRecipient = r.body.recipients.find((x: { department: string }) => x.department === 'Faculty of Law').recipientId;
    });

    it('the exam centre enters a candidate and publishes a result', async () => {
      const entry = await api
        .post('/api/v1/admin/entries', { name: 'Hanako Yamada', dateOfBirth: '2001-04-02', exam: 'C1 Advanced', centre: 'JP001 Tokyo' }, state.admin)
        .expect(201);
      state.idNumber = entry.body.idNumber;
      state.secretNumber = entry.body.secretNumber;
      const result = await api.post('/api/v1/admin/results', sampleResult(state.idNumber), state.admin).expect(201);
      state.resultId = result.body.resultId;
    });

    it('the candidate registers, logs in, sees the result and downloads the statement', async () => {
      const registration = { idNumber: state.idNumber, secretNumber: state.secretNumber, email: `hanako-${tag}@mail.example`, password: 'a long candidate password' };
      const r = await expectEventually(async () => {
        const res = await api.post('/api/v1/candidates', registration);
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return res;
      }, { timeoutMs: 14_000, intervalMs: 1_500 });
      assert.ok(r.body.candidateId);
      state.candidate = await api.login({ idNumber: state.idNumber, password: 'a long candidate password' });
      const results = await expectEventually(async () => {
        const res = await api.get('/api/v1/me/results', state.candidate).expect(200);
        assert.equal(res.body.items.length, 1);
        return res.body.items;
      });
      const [mine] = results;
      assert.equal(mine.resultId, state.resultId);
      assert.equal(mine.qualification, 'Certificate in Advanced English');
      assert.equal(mine.cefrLevel, 'Council of Europe Level B2');
      assert.equal(mine.overallScore, 168);
      assert.equal(mine.grade, 'C');
      assert.equal(mine.components.length, 5);
      assert.equal(mine.examDate, '2026-06-14');
      assert.deepEqual(mine.restrictions, []);
      const pdf = await api.get(`/api/v1/me/results/${state.resultId}/statement`, state.candidate).buffer(true).expect(200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal((pdf.body as Buffer).subarray(0, 5).toString(), '%PDF-');
    });

    it('searches by a short part of a name, sends to one department and sees it unread', async () => {
      const hits = await expectEventually(async () => {
        const res = await api.get(`/api/v1/directory/search?q=${encodeURIComponent(`Zephyrine ${tag}`)}&limit=10`, state.candidate).expect(200);
        const mine = res.body.items.filter((i: { organisationName: string }) => i.organisationName === orgName);
        assert.equal(mine.length, 2, JSON.stringify(res.body));
        return mine;
      }, { timeoutMs: 20_000 });
      assert.deepEqual(hits.map((h: { department: string }) => h.department).sort(), ['Faculty of Law', 'Graduate School of Engineering']);
      if (seedFor(mode) === 'full') {
        const universities = await api.get('/api/v1/directory/search?q=Wase&limit=5', state.candidate).expect(200);
        assert.match(universities.body.items[0].organisationName, /Waseda/);
      }
      const body = { resultId: state.resultId, recipientId: state.lawRecipient, consent: true };
      const sent = await expectEventually(async () => {
        const res = await api.post('/api/v1/me/shares', body, state.candidate);
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return res;
      }, { timeoutMs: 15_000, intervalMs: 200 });
      assert.equal(sent.body.status, 'unread');
      state.shareId = sent.body.shareId;
      const again = await api.post('/api/v1/me/shares', body, state.candidate).expect(200);
      assert.equal(again.body.shareId, state.shareId);
      const list = await expectEventually(async () => {
        const res = await api.get('/api/v1/me/shares', state.candidate).expect(200);
        assert.equal(res.body.items.length, 1);
        return res.body.items;
      });
      assert.equal(list[0].status, 'unread');
      assert.equal(list[0].readAt, null);
      assert.equal(list[0].recipient.department, 'Faculty of Law');
    });

    it('the organisation sets its password by e-mail, sees the share in its inbox and opens it', async () => {
      await api.post('/api/v1/auth/password-reset', { email: orgEmail }).expect(202);
      const token = await tokenFromMail(system.mailDir, orgEmail, '/reset-password');
      await api.post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'organisation password 1' }).expect(204);
      state.org = await api.login({ email: orgEmail, password: 'organisation password 1' });
      const inbox = await expectEventually(async () => {
        const res = await api.get('/api/v1/institution/shares', state.org).expect(200);
        assert.equal(res.body.items.length, 1);
        return res.body.items;
      });
      assert.equal(inbox[0].shareId, state.shareId);
      assert.equal(inbox[0].status, 'unread');
      const opened = await api.get(`/api/v1/institution/shares/${state.shareId}`, state.org).expect(200);
      assert.equal(opened.body.candidate.name, 'Hanako Yamada');
      assert.equal(opened.body.candidate.dateOfBirth, '2001-04-02');
      assert.equal(opened.body.candidate.idNumber, state.idNumber);
      assert.equal(opened.body.result.overallScore, 168);
      assert.equal(opened.body.status, 'read');
    });

    it('the candidate sees it read, with the time', async () => {
      const [share] = await expectEventually(async () => {
        const res = await api.get('/api/v1/me/shares', state.candidate).expect(200);
        assert.equal(res.body.items[0].status, 'read');
        return res.body.items;
      });
      assert.ok(!Number.isNaN(Date.parse(share.readAt)));
    });

    it('the candidate invites an unlisted organisation, which accepts and then appears in search', async () => {
      const name = `Aurora Polytechnic ${tag}`;
      const email = `office-${tag}@aurora.example.edu`;
      const invited = await api
        .post('/api/v1/directory/invitations', { organisationName: name, email, website: `https://aurora-${tag}.example.edu` }, state.candidate)
        .expect(202);
      assert.ok(invited.body.invitationId);
      const token = await tokenFromMail(system.mailDir, email, '/invitations/accept');
      const accepted = await api
        .post(`/api/v1/directory/invitations/${token}/accept`, { contactName: 'Aki Tanaka', password: 'aurora admissions pw' })
        .expect(201);
      assert.ok(accepted.body.organisationId && accepted.body.recipientId);
      await expectEventually(async () => {
        const res = await api.get(`/api/v1/directory/search?q=${encodeURIComponent(`Aurora ${tag}`)}`, state.candidate).expect(200);
        assert.ok(res.body.items.some((i: { recipientId: string }) => i.recipientId === accepted.body.recipientId));
      }, { timeoutMs: 20_000 });
      const orgToken = await api.loginEventually({ email, password: 'aurora admissions pw' });
      await api.get('/api/v1/institution/shares', orgToken).expect(200);
    });

    it('a share acknowledged with 201 survives a restart and reaches the inbox', async () => {
      const entry = await api
        .post('/api/v1/admin/entries', { name: 'Taro Sato', dateOfBirth: '1999-12-31', exam: 'B2 First', centre: 'JP002' }, state.admin)
        .expect(201);
      await api.post('/api/v1/admin/results', sampleResult(entry.body.idNumber), state.admin).expect(201);
      const pw = 'another long password';
      await expectEventually(async () => {
        const res = await api.post('/api/v1/candidates', { idNumber: entry.body.idNumber, secretNumber: entry.body.secretNumber, email: `taro-${tag}@mail.example`, password: pw });
        assert.equal(res.status, 201, JSON.stringify(res.body));
      }, { timeoutMs: 14_000, intervalMs: 1_500 });
      const taro = await api.login({ idNumber: entry.body.idNumber, password: pw });
      const [result] = await expectEventually(async () => {
        const res = await api.get('/api/v1/me/results', taro).expect(200);
        assert.equal(res.body.items.length, 1);
        return res.body.items;
      });
      const sent = await expectEventually(async () => {
        const res = await api.post('/api/v1/me/shares', { resultId: result.resultId, recipientId: state.lawRecipient, consent: true }, taro);
        assert.equal(res.status, 201, JSON.stringify(res.body));
        return res;
      }, { timeoutMs: 15_000, intervalMs: 200 });
      await system.restart(mode === 'distributed' ? 'sharing' : 'all');
      const org = await api.login({ email: orgEmail, password: 'organisation password 1' });
      await expectEventually(async () => {
        const res = await api.get('/api/v1/institution/shares?status=unread', org).expect(200);
        assert.ok(res.body.items.some((i: { shareId: string }) => i.shareId === sent.body.shareId));
      }, { timeoutMs: 20_000 });
    });
  });
}
