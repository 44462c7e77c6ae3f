import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { tokenFromMail } from '#libs/testing';
import { Api, runTag, sampleResult } from './api.js';
import { Budgets, FIRST_BOOT_SETTLE_MS, poll, type Answer } from './poll.js';
import { modes, startSystem, type SystemUnderTest } from './system.js';

/** An organisation's system: answers every webhook delivery 204 and keeps what it got. */
class HookReceiver {
  readonly received: { type: string; shareId?: string }[] = [];
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string; data: { shareId?: string } };
      this.received.push({ type: body.type, shareId: body.data.shareId });
      res.writeHead(204).end();
    });
  });
  url = '';
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  }
  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

interface MyShare {
  shareId: string;
  status: string;
  timeline: { event: string; at: string }[];
}

/** The webhook is a loopback receiver here (the development allowance); deliveries are polled for often. */
const WEBHOOK_ENV = { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true', WEBHOOK_POLL_MS: '100', WEBHOOK_SETTLE_MS: '0' };

for (const mode of modes()) {
  describe(`sharing reacts to the rest of the platform: directory edits, invitations, amended results, deliveries (${mode} mode)`, () => {
    const hooks = new HookReceiver();
    let system: SystemUnderTest;
    let api: Api;
    let budgets: Budgets;
    let admin: string;
    const tag = runTag();
    const state = {} as {
      candidate: string;
      resultId: string;
      organisationId: string;
      law: string;
      science: string;
      org: string;
      shareId: string;
    };

    before(async () => {
      await hooks.start();
      // Embedded mode reads sharing's settings from this process's environment; distributed passes them on.
      Object.assign(process.env, WEBHOOK_ENV);
      system = await startSystem(mode, 'none', undefined, WEBHOOK_ENV);
      budgets = new Budgets(FIRST_BOOT_SETTLE_MS, system.healthyAt);
      api = new Api(system.url);
      admin = await api.login({ email: system.adminEmail, password: system.adminPassword });
      const entry = await api.post('/api/v1/admin/entries', { name: 'Mei Suzuki', dateOfBirth: '2000-02-02', exam: 'C1 Advanced', centre: 'JP001' }, admin).expect(201);
      const result = await api.post('/api/v1/admin/results', sampleResult(entry.body.idNumber), admin).expect(201);
      state.resultId = result.body.resultId;
      const password = 'mei has a long password';
      await api.register({ idNumber: entry.body.idNumber, secretNumber: entry.body.secretNumber, email: `mei-${tag}@mail.example`, password }, budgets.deadline());
      state.candidate = await api.login({ idNumber: entry.body.idNumber, password });
      const email = `kanto-${tag}@org.example`;
      const org = await api
        .post('/api/v1/admin/organisations', {
          name: `Kanto University ${tag}`, kind: 'education', country: 'Japan', website: `https://kanto-${tag}.example.ac.jp`, email,
          accounts: [{ department: 'Faculty of Law' }, { department: 'Faculty of Science' }],
        }, admin)
        .expect(201);
      state.organisationId = org.body.organisationId;
      const byDepartment = (d: string) => (org.body.recipients as { recipientId: string; department: string }[]).find((r) => r.department === d)!.recipientId;
      state.law = byDepartment('Faculty of Law');
      state.science = byDepartment('Faculty of Science');
      const token = await api.resetToken(system.mailDir, email, budgets.deadline());
      await api.post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'organisation password' }).expect(204);
      state.org = await api.loginEventually({ email, password: 'organisation password' }, budgets.deadline());
      await request(system.url).put('/api/v1/institution/webhook').set('authorization', `Bearer ${state.org}`).send({ url: hooks.url }).expect(200);
    });
    after(async () => {
      await system?.stop();
      await hooks.stop();
    });

    const myShares = (a: Answer) => (a.body as { items: MyShare[] }).items;
    const myShare = (shareId: string, accept: (s: MyShare) => boolean, what: string, deadline = budgets.deadline()) =>
      poll(() => api.get('/api/v1/me/shares', state.candidate), {
        what,
        deadline,
        accept: (a) => myShares(a).find((s) => s.shareId === shareId && accept(s)),
      });

    it('a share whose webhook answered 2xx shows "delivered" on the candidate\'s timeline', async () => {
      const sent = await poll(() => api.post('/api/v1/me/shares', { resultId: state.resultId, recipientId: state.science, consent: true }, state.candidate), {
        what: 'POST /me/shares to the Faculty of Science',
        deadline: budgets.deadline(),
        retryOn: [404],
        accept: (a) => (a.status === 201 ? (a.body as { shareId: string }) : undefined),
      });
      state.shareId = sent.shareId;
      // The webhook waits out the feed's settle window (FEED_SETTLE_MS, 1 s) by design: it sends only what can no longer be overtaken.
      const share = await myShare(sent.shareId, (s) => s.timeline.some((t) => t.event === 'delivered'), 'delivered on the timeline', Math.max(budgets.deadline(), Date.now() + 5_000));
      assert.ok(hooks.received.some((r) => r.type === 'ResultShared' && r.shareId === sent.shareId));
      assert.deepEqual(share.timeline.map((t) => t.event).slice(0, 2), ['sent', 'delivered']);
      assert.ok(share.timeline.every((t) => !Number.isNaN(Date.parse(t.at))));
    });

    it('an account the operator deactivated refuses new shares with 422 and a message', async () => {
      await request(system.url)
        .patch(`/api/v1/admin/organisations/${state.organisationId}/accounts/${state.law}`)
        .set('authorization', `Bearer ${admin}`)
        .send({ active: false })
        .expect(200);
      // 2xx means sharing has not heard of the change yet (a repeat send answers so until it has).
      const refused = await poll(
        async () => {
          const r = await api.post('/api/v1/me/shares', { resultId: state.resultId, recipientId: state.law, consent: true }, state.candidate);
          return r.status === 422 ? { status: 200, body: r.body } : r.status < 300 ? { status: 425, body: r.body } : r;
        },
        { what: 'a send to the deactivated account', deadline: budgets.deadline(), retryOn: [425] },
      );
      const body = refused.body as { message: string; code?: string };
      assert.match(JSON.stringify(body), /no longer accepts new results/);
    });

    it('a share to an invited organisation waits (pending) and is delivered when the organisation accepts', async () => {
      const email = `office-${tag}@aurora.example.edu`;
      const invited = await api
        .post('/api/v1/directory/invitations', { organisationName: `Aurora Polytechnic ${tag}`, email, website: `https://aurora-${tag}.example.edu` }, state.candidate)
        .expect(202);
      const invitationId = invited.body.invitationId as string;
      const pending = await poll(() => api.post('/api/v1/me/shares', { resultId: state.resultId, invitationId, consent: true }, state.candidate), {
        what: 'POST /me/shares to the invitation',
        deadline: budgets.deadline(),
        retryOn: [404],
        accept: (a) => (a.status === 202 ? (a.body as { shareId: string; status: string }) : undefined),
      });
      assert.equal(pending.status, 'pending');
      await myShare(pending.shareId, (s) => s.status === 'pending', 'the pending share in Shared with');
      const token = await tokenFromMail(system.mailDir, email, '/invitations/accept', Math.max(budgets.deadline() - Date.now(), 5_000));
      const accepted = await api.post(`/api/v1/directory/invitations/${token}/accept`, { contactName: 'Aki Tanaka', password: 'aurora admissions pw' }).expect(201);
      const delivered = await myShare(pending.shareId, (s) => s.status === 'unread', 'the pending share delivered');
      assert.ok(delivered.timeline.some((t) => t.event === 'sent'));
      const orgToken = await api.loginEventually({ email, password: 'aurora admissions pw' }, budgets.deadline());
      const inbox = await poll(() => api.get('/api/v1/institution/shares', orgToken), {
        what: "the delivered share in Aurora's inbox",
        deadline: budgets.deadline(),
        accept: (a) => (a.body as { items: { shareId: string; recipient: { recipientId: string } }[] }).items.find((i) => i.shareId === pending.shareId),
      });
      assert.equal(inbox.recipient.recipientId, accepted.body.recipientId);
    });

    it('an invitation accepted while the candidate attaches a result: the share reaches the organisation once, whichever came first', async () => {
      const email = `office-${tag}@cassini.example.edu`;
      const invited = await api
        .post('/api/v1/directory/invitations', { organisationName: `Cassini College ${tag}`, email, website: `https://cassini-${tag}.example.edu` }, state.candidate)
        .expect(202);
      const token = await tokenFromMail(system.mailDir, email, '/invitations/accept', Math.max(budgets.deadline() - Date.now(), 5_000));
      const [attached, accepted] = await Promise.all([
        poll(() => api.post('/api/v1/me/shares', { resultId: state.resultId, invitationId: invited.body.invitationId, consent: true }, state.candidate), {
          what: 'POST /me/shares to the invitation, racing its acceptance',
          deadline: budgets.deadline(),
          retryOn: [404],
          accept: (a) => (a.status === 201 || a.status === 202 ? (a.body as { shareId: string }) : undefined),
        }),
        api.post(`/api/v1/directory/invitations/${token}/accept`, { contactName: 'Io Mori', password: 'cassini office pw' }).expect(201),
      ]);
      await myShare(attached.shareId, (s) => s.status === 'unread', 'the raced share delivered');
      const orgToken = await api.loginEventually({ email, password: 'cassini office pw' }, budgets.deadline());
      const inbox = await poll(() => api.get('/api/v1/institution/shares', orgToken), {
        what: "the raced share in Cassini's inbox",
        deadline: budgets.deadline(),
        accept: (a) => ((a.body as { items: unknown[] }).items.length > 0 ? (a.body as { items: { shareId: string; recipient: { recipientId: string } }[] }).items : undefined),
      });
      assert.deepEqual(inbox.map((i) => i.shareId), [attached.shareId]);
      assert.equal(inbox[0].recipient.recipientId, accepted.body.recipientId);
    });

    it("an amended result reaches the organisation's open share: the current version and its amendment", async () => {
      await api.post(`/api/v1/admin/results/${state.resultId}/amendments`, { reason: 'Re-marked on appeal', overallScore: 176 }, admin).expect(200);
      const opened = await poll(() => api.get(`/api/v1/institution/shares/${state.shareId}`, state.org), {
        what: 'the amended share, opened',
        deadline: budgets.deadline(),
        accept: (a) => {
          const b = a.body as { result?: { overallScore: number }; amendments: { reason: string; changes: { overallScore?: number } }[] };
          return b.result?.overallScore === 176 ? b : undefined;
        },
      });
      assert.equal(opened.amendments.length, 1);
      assert.equal(opened.amendments[0].reason, 'Re-marked on appeal');
      assert.equal(opened.amendments[0].changes.overallScore, 176);
      const share = await myShare(state.shareId, (s) => s.timeline.some((t) => t.event === 'amended'), 'amended on the timeline');
      assert.ok(share.timeline.some((t) => t.event === 'read'));
    });

    it('a result the exam centre withdrew withdraws every share of it (read ones too), reaches the webhook, and cannot be sent again (422)', async () => {
      await api.post(`/api/v1/admin/results/${state.resultId}/withdrawal`, { reason: 'Malpractice confirmed' }, admin).expect(200);
      const opened = await poll(() => api.get(`/api/v1/institution/shares/${state.shareId}`, state.org), {
        what: 'the withdrawn share, opened',
        deadline: budgets.deadline(),
        accept: (a) => ((a.body as { status: string }).status === 'withdrawn' ? (a.body as { withdrawal?: { by: string; reason: string | null }; result?: unknown; candidate?: unknown }) : undefined),
      });
      assert.deepEqual([opened.withdrawal?.by, opened.withdrawal?.reason], ['exam-centre', 'Malpractice confirmed']);
      assert.equal(opened.result, undefined);
      assert.equal(opened.candidate, undefined);
      await myShare(state.shareId, (s) => s.status === 'withdrawn' && s.timeline.some((t) => t.event === 'withdrawn'), 'withdrawn in Shared with');
      await poll(async () => ({ status: 200, body: hooks.received.find((r) => r.type === 'ShareWithdrawn' && r.shareId === state.shareId) ?? null }), {
        what: 'ShareWithdrawn at the webhook',
        deadline: Math.max(budgets.deadline(), Date.now() + 5_000),
        accept: (a) => a.body ?? undefined,
      });
      const refused = await api.post('/api/v1/me/shares', { resultId: state.resultId, recipientId: state.science, consent: true }, state.candidate);
      assert.equal(refused.status, 422);
      assert.match(JSON.stringify(refused.body), /withdrawn by the exam centre and can no longer be sent/);
    });
  });

  describe(`an invited organisation awaiting the operator's approval gets the shares that waited for it once approved (${mode} mode, INVITATION_APPROVAL=required)`, () => {
    let system: SystemUnderTest;
    let api: Api;
    let budgets: Budgets;
    const tag = runTag();

    before(async () => {
      // Embedded mode reads the directory's settings from this process's environment at start; distributed passes them on.
      process.env.INVITATION_APPROVAL = 'required';
      try {
        system = await startSystem(mode, 'none', undefined, { INVITATION_APPROVAL: 'required' });
      } finally {
        delete process.env.INVITATION_APPROVAL;
      }
      budgets = new Budgets(FIRST_BOOT_SETTLE_MS, system.healthyAt);
      api = new Api(system.url);
    });
    after(async () => {
      await system?.stop();
    });

    it('accepted, the organisation refuses direct sends (422) and its waiting share stays pending; approved, the share is delivered', async () => {
      const admin = await api.login({ email: system.adminEmail, password: system.adminPassword });
      const entry = await api.post('/api/v1/admin/entries', { name: 'Ren Ito', dateOfBirth: '2001-03-03', exam: 'C1 Advanced', centre: 'JP001' }, admin).expect(201);
      const { body: result } = await api.post('/api/v1/admin/results', sampleResult(entry.body.idNumber), admin).expect(201);
      const password = 'ren has a long password';
      await api.register({ idNumber: entry.body.idNumber, secretNumber: entry.body.secretNumber, email: `ren-${tag}@mail.example`, password }, budgets.deadline());
      const candidate = await api.login({ idNumber: entry.body.idNumber, password });
      const email = `office-${tag}@borealis.example.edu`;
      const invited = await api
        .post('/api/v1/directory/invitations', { organisationName: `Borealis Institute ${tag}`, email, website: `https://borealis-${tag}.example.edu` }, candidate)
        .expect(202);
      const pending = await poll(() => api.post('/api/v1/me/shares', { resultId: result.resultId, invitationId: invited.body.invitationId, consent: true }, candidate), {
        what: 'POST /me/shares to the invitation',
        deadline: budgets.deadline(),
        retryOn: [404],
        accept: (a) => (a.status === 202 ? (a.body as { shareId: string }) : undefined),
      });
      const token = await tokenFromMail(system.mailDir, email, '/invitations/accept', Math.max(budgets.deadline() - Date.now(), 5_000));
      const accepted = await api.post(`/api/v1/directory/invitations/${token}/accept`, { contactName: 'Sora Kato', password: 'borealis office pw' }).expect(201);
      // Once sharing knows the organisation (404 until then), it refuses a direct send while approval is awaited.
      const refused = await poll(
        async () => {
          const r = await api.post('/api/v1/me/shares', { resultId: result.resultId, recipientId: accepted.body.recipientId, consent: true }, candidate);
          return r.status === 422 ? { status: 200, body: r.body } : r;
        },
        { what: 'a direct send to the organisation awaiting approval', deadline: budgets.deadline(), retryOn: [404] },
      );
      assert.match(JSON.stringify(refused.body), /not been approved/);
      const mine = (await api.get('/api/v1/me/shares', candidate).expect(200)).body as { items: MyShare[] };
      assert.equal(mine.items.find((s) => s.shareId === pending.shareId)?.status, 'pending');

      await api.post(`/api/v1/admin/organisations/${accepted.body.organisationId}/approval`, {}, admin).expect(200);
      await poll(() => api.get('/api/v1/me/shares', candidate), {
        what: 'the waiting share delivered on approval',
        deadline: budgets.deadline(),
        accept: (a) => (a.body as { items: MyShare[] }).items.find((s) => s.shareId === pending.shareId && s.status === 'unread'),
      });
    });
  });
}
