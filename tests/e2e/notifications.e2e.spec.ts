import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { readableForms, readMails } from '#libs/testing';
import { Api, runTag, sampleResult } from './api.js';
import { Budgets, FIRST_BOOT_SETTLE_MS, poll } from './poll.js';
import { modes, startSystem, type SystemUnderTest } from './system.js';

// A candidate's opt-in e-mails (issue 12): when an organisation opens a result they sent, when the
// exam centre amends it. Through the gateway; the e-mails are read where each mode writes them.
for (const mode of modes()) {
  describe(`a candidate's opt-in e-mails (${mode} mode)`, () => {
    let system: SystemUnderTest;
    let api: Api;
    let budgets: Budgets;
    let admin: string;
    let candidate: string;
    let org: string;
    let recipientId: string;
    let resultId: string;
    const tag = runTag();
    const email = `hanako-${tag}@mail.example`;
    const organisationName = `Kanto University ${tag}`;

    const putNotifications = (body: object, token: string, language: string) =>
      request(system.url).put('/api/v1/me/notifications').set('authorization', `Bearer ${token}`).set('accept-language', language).send(body);
    /** The e-mails of one kind to the candidate, decoded, once there are `count` of them. */
    const mails = (kind: string, count: number) =>
      poll(async () => ({ status: 200, body: (await readMails(system.mailDir, { to: email })).filter((m) => m.file.includes(`-${kind}-`)) }), {
        what: `${count} ${kind} e-mail(s) to ${email}`,
        deadline: budgets.deadline(),
        accept: (a) => {
          const found = a.body as { text: string }[];
          return found.length >= count ? found.map((m) => readableForms(m.text).join('\n')) : undefined;
        },
      });

    before(async () => {
      system = await startSystem(mode, 'none');
      budgets = new Budgets(FIRST_BOOT_SETTLE_MS, system.healthyAt);
      api = new Api(system.url);
      admin = await api.login({ email: system.adminEmail, password: system.adminPassword });
      const entry = (await api.post('/api/v1/admin/entries', { name: 'Hanako Notify', dateOfBirth: '2000-01-01', exam: 'C1 Advanced', centre: 'JP001' }, admin).expect(201))
        .body as { idNumber: string; secretNumber: string };
      resultId = (await api.post('/api/v1/admin/results', sampleResult(entry.idNumber), admin).expect(201)).body.resultId as string;
      await api.register({ idNumber: entry.idNumber, secretNumber: entry.secretNumber, email, password: 'hanako has a long password' }, budgets.deadline());
      candidate = await api.login({ idNumber: entry.idNumber, password: 'hanako has a long password' });
      const orgEmail = `admissions-${tag}@org.example`;
      const registered = await api
        .post('/api/v1/admin/organisations', { name: organisationName, kind: 'education', country: 'Japan', website: `https://kanto-${tag}.example`, email: orgEmail, accounts: [{ department: 'Faculty of Law' }] }, admin)
        .expect(201);
      recipientId = registered.body.recipients[0].recipientId as string;
      const token = await api.resetToken(system.mailDir, orgEmail, budgets.deadline());
      await api.post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'organisation password' }).expect(204);
      org = await api.login({ email: orgEmail, password: 'organisation password' });
    });
    after(async () => {
      await system?.stop();
    });

    it('opting in: checked input, staff and organisations refused, GET /me shows the settings (all off before)', async () => {
      assert.deepEqual((await api.get('/api/v1/me', candidate).expect(200)).body.notifications, { shareOpened: false, resultAmended: false });
      assert.equal((await putNotifications({}, candidate, 'en')).status, 400);
      assert.equal((await putNotifications({ shareOpened: 'yes' }, candidate, 'en')).status, 400);
      assert.equal((await putNotifications({ shareOpened: true }, org, 'en')).status, 403);
      assert.equal((await putNotifications({ shareOpened: true }, admin, 'en')).status, 403);
      assert.equal((await api.get('/api/v1/me', org).expect(200)).body.notifications, undefined);
      const saved = await putNotifications({ shareOpened: true, resultAmended: true }, candidate, 'ja').expect(200);
      assert.deepEqual(saved.body, { shareOpened: true, resultAmended: true });
      await poll(() => api.get('/api/v1/me', candidate), {
        what: 'the settings in GET /me',
        deadline: budgets.deadline(),
        accept: (a) => ((a.body as { notifications?: { shareOpened: boolean } }).notifications?.shareOpened ? true : undefined),
      });
    });

    it('the organisation opens the share: one e-mail, in the language the settings were saved in, naming the organisation', async () => {
      const sent = await poll(() => api.post('/api/v1/me/shares', { resultId, recipientId, consent: true }, candidate), {
        what: 'POST /me/shares',
        deadline: budgets.deadline(),
        retryOn: [404],
        accept: (a) => (a.status === 201 ? (a.body as { shareId: string }) : undefined),
      });
      await poll(() => api.get(`/api/v1/institution/shares/${sent.shareId}`, org), {
        what: 'the organisation opens the share',
        deadline: budgets.deadline(),
        retryOn: [404],
        accept: (a) => a.body,
      });
      const [mail] = await mails('share-opened', 1);
      assert.ok(mail?.includes(`${organisationName}（Faculty of Law）が、あなたが送った成績（Certificate in Advanced English）を`), mail);
      assert.match(mail, /Content-Type: text\/html/i);
      assert.match(mail, /\/shared/);
      // Opening it again is no new ResultRead: still one e-mail.
      await api.get(`/api/v1/institution/shares/${sent.shareId}`, org).expect(200);
    });

    it('the exam centre amends the shared result: an e-mail in English after the settings were saved in English', async () => {
      await putNotifications({ resultAmended: true }, candidate, 'en').expect(200);
      await api.post(`/api/v1/admin/results/${resultId}/amendments`, { reason: 'Re-mark of the Writing paper', overallScore: 177 }, admin).expect(200);
      const [mail] = await mails('result-amended', 1);
      assert.match(mail ?? '', /The exam centre amended your result \(Certificate in Advanced English\)/);
      assert.match(mail ?? '', /Reason: Re-mark of the Writing paper/);
      assert.match(mail ?? '', /Overall score: 177/);
      assert.ok(mail?.includes(`${organisationName} (Faculty of Law)`), mail);
      assert.equal((await readMails(system.mailDir, { to: email })).filter((m) => m.file.includes('-share-opened-')).length, 1);
    });
  });
}
