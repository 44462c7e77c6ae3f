import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { tokenFromMail } from '#libs/testing';
import { Api, runTag, sampleResult } from './api.js';
import { Budgets, FIRST_BOOT_SETTLE_MS, poll, RESTART_SETTLE_MS, type Answer } from './poll.js';
import { modes, startSystem, type Mode, type SystemData, type SystemUnderTest } from './system.js';

/** What one run of the journey leaves behind, for the run that restarts on its data. */
interface Left {
  data: SystemData;
  /** Set once the share has been read (undefined when the run failed before). */
  read?: { candidate: { idNumber: string; password: string }; shareId: string; organisation: { email: string; password: string } };
}

const items = (a: Answer): { shareId: string; status: string; readAt: string | null; recipient: { department: string } }[] =>
  (a.body as { items: never[] }).items;

/**
 * The candidate's and the organisation's journey through the gateway, polling only as a client
 * would: until `settleMs` after the gateway's /health 200 a check may wait until then, later
 * ones PROPAGATION_MS (see poll.ts). `restartOf` is what an earlier run left: the run then starts
 * the system on that data and checks it is all still there.
 */
function journey(label: string, mode: Mode, settleMs: number, options: { restartOf?: () => Left | undefined; leave?: (left: Left) => void } = {}): void {
  let left: Left | undefined;
  describe(`the whole journey through the gateway (${label})`, () => {
    let system: SystemUnderTest;
    let api: Api;
    let budgets: Budgets;
    const tag = runTag();
    const orgName = `Zephyrine University ${tag}`;
    const orgEmail = `admissions-${tag}@zephyrine.example`;
    const candidatePassword = 'a long candidate password';
    const orgPassword = 'organisation password 1';
    const state: Record<string, string> = {};

    before(async () => {
      const previous = options.restartOf?.();
      if (options.restartOf && !previous) throw new Error('the run before did not leave a system to restart on');
      system = await startSystem(mode, 'full', previous?.data);
      budgets = new Budgets(settleMs, system.healthyAt);
      api = new Api(system.url);
      left = { data: system.data };
      options.leave?.(left);
    });
    after(async () => {
      await system?.stop();
    });

    it('is healthy', async () => {
      const r = await api.get('/health').expect(200);
      assert.equal(r.body.status, 'ok');
    });

    it('the operator adds an organisation with two departments', async () => {
      state.admin = await api.loginEventually({ email: system.adminEmail, password: system.adminPassword }, budgets.deadline());
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
      const registration = { idNumber: state.idNumber, secretNumber: state.secretNumber, email: `hanako-${tag}@mail.example`, password: candidatePassword };
      const registered = await api.register(registration, budgets.deadline());
      assert.ok(registered.candidateId);
      state.candidate = await api.login({ idNumber: state.idNumber, password: candidatePassword });
      const [mine] = await poll(() => api.get('/api/v1/me/results', state.candidate), {
        what: 'the result in GET /me/results',
        deadline: budgets.deadline(),
        accept: (a) => {
          const list = (a.body as { items: { resultId: string; qualification: string; cefrLevel: string; overallScore: number; grade: string; components: unknown[]; examDate: string; restrictions: string[] }[] }).items;
          return list.length === 1 ? list : undefined;
        },
      });
      assert.ok(mine);
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
      const hits = await poll(() => api.get(`/api/v1/directory/search?q=${encodeURIComponent(`Zephyrine ${tag}`)}&limit=10`, state.candidate), {
        what: 'the new organisation in search',
        deadline: budgets.deadline(),
        accept: (a) => {
          const mine = (a.body as { items: { organisationName: string; department: string }[] }).items.filter((i) => i.organisationName === orgName);
          return mine.length === 2 ? mine : undefined;
        },
      });
      assert.deepEqual(hits.map((h) => h.department).sort(), ['Faculty of Law', 'Graduate School of Engineering']);
      const universities = await poll(() => api.get('/api/v1/directory/search?q=Wase&limit=5', state.candidate), {
        what: 'a seeded university (Waseda) in search',
        deadline: budgets.deadline(),
        accept: (a) => {
          const list = (a.body as { items: { organisationName: string }[] }).items;
          return list.some((i) => /Waseda/.test(i.organisationName)) ? list : undefined;
        },
      });
      assert.match(universities[0].organisationName, /Waseda/);
      const body = { resultId: state.resultId, recipientId: state.lawRecipient, consent: true };
      // 404 until the result and the recipient account have reached sharing.
      const sent = await poll(() => api.post('/api/v1/me/shares', body, state.candidate), {
        what: 'POST /me/shares to the new organisation',
        deadline: budgets.deadline(),
        retryOn: [404],
        accept: (a) => (a.status === 201 ? (a.body as { shareId: string; status: string }) : undefined),
      });
      assert.equal(sent.status, 'unread');
      state.shareId = sent.shareId;
      const again = await api.post('/api/v1/me/shares', body, state.candidate).expect(200);
      assert.equal(again.body.shareId, state.shareId);
      const list = await poll(() => api.get('/api/v1/me/shares', state.candidate), {
        what: 'the share in GET /me/shares',
        deadline: budgets.deadline(),
        accept: (a) => (items(a).length === 1 ? items(a) : undefined),
      });
      assert.equal(list[0].shareId, state.shareId);
      assert.equal(list[0].status, 'unread');
      assert.equal(list[0].readAt, null);
      assert.equal(list[0].recipient.department, 'Faculty of Law');
    });

    it('the organisation sets its password by e-mail, sees the share in its inbox and opens it', async () => {
      const token = await api.resetToken(system.mailDir, orgEmail, budgets.deadline());
      await api.post('/api/v1/auth/password-reset/confirm', { token, newPassword: orgPassword }).expect(204);
      state.org = await api.login({ email: orgEmail, password: orgPassword });
      const inbox = await poll(() => api.get('/api/v1/institution/shares', state.org), {
        what: 'the share in the inbox',
        deadline: budgets.deadline(),
        accept: (a) => (items(a).length === 1 ? items(a) : undefined),
      });
      assert.equal(inbox[0].shareId, state.shareId);
      assert.equal(inbox[0].status, 'unread');
      const opened = await api.get(`/api/v1/institution/shares/${state.shareId}`, state.org).expect(200);
      assert.equal(opened.body.candidate.name, 'Hanako Yamada');
      assert.equal(opened.body.candidate.dateOfBirth, '2001-04-02');
      assert.equal(opened.body.candidate.idNumber, state.idNumber);
      assert.equal(opened.body.result.overallScore, 168);
      assert.equal(opened.body.status, 'read');
      left!.read = {
        candidate: { idNumber: state.idNumber, password: candidatePassword },
        shareId: state.shareId,
        organisation: { email: orgEmail, password: orgPassword },
      };
    });

    it('the candidate sees it read, with the time', async () => {
      const [share] = await poll(() => api.get('/api/v1/me/shares', state.candidate), {
        what: 'the share read in GET /me/shares',
        deadline: budgets.deadline(),
        accept: (a) => (items(a)[0]?.status === 'read' ? items(a) : undefined),
      });
      assert.ok(!Number.isNaN(Date.parse(share.readAt ?? '')));
    });

    it('the candidate invites an unlisted organisation, which accepts and then appears in search', async () => {
      const name = `Aurora Polytechnic ${tag}`;
      const email = `office-${tag}@aurora.example.edu`;
      const invited = await api
        .post('/api/v1/directory/invitations', { organisationName: name, email, website: `https://aurora-${tag}.example.edu` }, state.candidate)
        .expect(202);
      assert.ok(invited.body.invitationId);
      const token = await tokenFromMail(system.mailDir, email, '/invitations/accept', Math.max(budgets.deadline() - Date.now(), 5_000));
      const accepted = await api
        .post(`/api/v1/directory/invitations/${token}/accept`, { contactName: 'Aki Tanaka', password: 'aurora admissions pw' })
        .expect(201);
      assert.ok(accepted.body.organisationId && accepted.body.recipientId);
      await poll(() => api.get(`/api/v1/directory/search?q=${encodeURIComponent(`Aurora ${tag}`)}`, state.candidate), {
        what: 'the accepted organisation in search',
        deadline: budgets.deadline(),
        accept: (a) => (a.body as { items: { recipientId: string }[] }).items.find((i) => i.recipientId === accepted.body.recipientId),
      });
      const orgToken = await api.loginEventually({ email, password: 'aurora admissions pw' }, budgets.deadline());
      await api.get('/api/v1/institution/shares', orgToken).expect(200);
    });

    it('a share acknowledged with 201 survives a restart and reaches the inbox', async () => {
      const entry = await api
        .post('/api/v1/admin/entries', { name: 'Taro Sato', dateOfBirth: '1999-12-31', exam: 'B2 First', centre: 'JP002' }, state.admin)
        .expect(201);
      await api.post('/api/v1/admin/results', sampleResult(entry.body.idNumber), state.admin).expect(201);
      const pw = 'another long password';
      await api.register({ idNumber: entry.body.idNumber, secretNumber: entry.body.secretNumber, email: `taro-${tag}@mail.example`, password: pw }, budgets.deadline());
      const taro = await api.login({ idNumber: entry.body.idNumber, password: pw });
      const [result] = await poll(() => api.get('/api/v1/me/results', taro), {
        what: "Taro's result in GET /me/results",
        deadline: budgets.deadline(),
        accept: (a) => {
          const list = (a.body as { items: { resultId: string }[] }).items;
          return list.length === 1 ? list : undefined;
        },
      });
      const sent = await poll(() => api.post('/api/v1/me/shares', { resultId: result.resultId, recipientId: state.lawRecipient, consent: true }, taro), {
        what: "POST /me/shares of Taro's result",
        deadline: budgets.deadline(),
        retryOn: [404],
        accept: (a) => (a.status === 201 ? (a.body as { shareId: string }) : undefined),
      });
      await system.restart(mode === 'distributed' ? 'sharing' : 'all');
      budgets.restarted();
      const org = await api.login({ email: orgEmail, password: orgPassword });
      await poll(() => api.get('/api/v1/institution/shares?status=unread', org), {
        what: 'the share sent before the restart, in the inbox',
        deadline: budgets.deadline(),
        accept: (a) => items(a).find((i) => i.shareId === sent.shareId),
      });
    });

    if (options.restartOf) {
      it('what the run before left is all there: the candidate sees the share read, the organisation has it in its inbox', async () => {
        const previous = options.restartOf!()?.read;
        assert.ok(previous, 'the run before did not get as far as a read share');
        const candidate = await api.login(previous.candidate);
        const mine = items(await api.get('/api/v1/me/shares', candidate).expect(200));
        assert.deepEqual(mine.map((s) => [s.shareId, s.status]), [[previous.shareId, 'read']]);
        const org = await api.login(previous.organisation);
        const inbox = items(await api.get('/api/v1/institution/shares', org).expect(200));
        assert.ok(inbox.some((s) => s.shareId === previous.shareId && s.status === 'read'), JSON.stringify(inbox));
      });
    }
  });
}

for (const mode of modes()) {
  if (mode === 'embedded') {
    journey('embedded mode', mode, FIRST_BOOT_SETTLE_MS);
    continue;
  }
  // First boot with the full seed on a fresh namespace, then the whole system stopped and started
  // again on the data it left (same namespace, same data directory).
  let firstBoot: Left | undefined;
  journey('distributed mode, first boot with the full seed', mode, FIRST_BOOT_SETTLE_MS, { leave: (l) => (firstBoot = l) });
  journey('distributed mode, restarted on the data of the first boot', mode, RESTART_SETTLE_MS, { restartOf: () => firstBoot });
}
