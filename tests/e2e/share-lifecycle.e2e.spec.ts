import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { tokenFromMail } from '#libs/testing';
import { Api, runTag, sampleResult } from './api.js';
import { Budgets, FIRST_BOOT_SETTLE_MS, poll, type Answer } from './poll.js';
import { modes, startSystem, type SystemUnderTest } from './system.js';

interface Candidate {
  idNumber: string;
  token: string;
  resultId: string;
}
interface TimelineEntry {
  event: string;
  at: string;
}
interface MyShare {
  shareId: string;
  status: string;
  sharedAt: string;
  readAt: string | null;
  amendedAt: string | null;
  timeline: TimelineEntry[];
  invitationId?: string;
  withdrawal?: { at: string; by: string; reason: string | null };
}
interface InboxItem {
  shareId: string;
  status: string;
  candidate?: unknown;
  qualification?: string;
  cefrLevel?: string;
  withdrawal?: { by: string };
}

/** The components with one skill's score changed. */
const components = (list: { skill: string; score: number }[], skill: string, score: number) => list.map((c) => (c.skill === skill ? { ...c, score } : c));

/** The steps of a timeline, without deliveries (those depend on the organisation's systems, not tested here). */
const steps = (timeline: TimelineEntry[]) => timeline.filter((t) => t.event !== 'delivered').map((t) => t.event);

for (const mode of modes()) {
  describe(`a share's whole life: withdrawal, timeline, pending shares, amendments (${mode} mode)`, () => {
    let system: SystemUnderTest;
    let api: Api;
    let budgets: Budgets;
    let admin: string;
    const tag = runTag();
    let alice: Candidate;
    let bob: Candidate;
    let org: { token: string; recipients: { recipientId: string; department: string | null }[] };
    let other: { token: string };

    const candidate = async (name: string): Promise<Candidate> => {
      const entry = await api.post('/api/v1/admin/entries', { name, dateOfBirth: '2000-01-01', exam: 'C1 Advanced', centre: 'JP001' }, admin).expect(201);
      const { idNumber, secretNumber } = entry.body as { idNumber: string; secretNumber: string };
      const result = await api.post('/api/v1/admin/results', sampleResult(idNumber), admin).expect(201);
      const password = `${name} has a long password`;
      await api.register({ idNumber, secretNumber, email: `${name}-${tag}@mail.example`, password }, budgets.deadline());
      return { idNumber, token: await api.login({ idNumber, password }), resultId: result.body.resultId };
    };
    const organisation = async (name: string, departments: string[]) => {
      const email = `${name.toLowerCase()}-${tag}@org.example`;
      const r = await api
        .post(
          '/api/v1/admin/organisations',
          { name: `${name} ${tag}`, kind: 'education', country: 'United Kingdom', website: `https://${name.toLowerCase()}-${tag}.example`, email, accounts: departments.map((department) => ({ department })) },
          admin,
        )
        .expect(201);
      const token = await api.resetToken(system.mailDir, email, budgets.deadline());
      await api.post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'organisation password' }).expect(204);
      return { token: await api.login({ email, password: 'organisation password' }), recipients: r.body.recipients as { recipientId: string; department: string | null }[] };
    };
    /** Sends, waiting for the result and the account to reach sharing (404 until then). */
    const send = (who: Candidate, recipientId: string, expected = 201) =>
      poll(() => api.post('/api/v1/me/shares', { resultId: who.resultId, recipientId, consent: true }, who.token), {
        what: `POST /me/shares to ${recipientId}`,
        deadline: budgets.deadline(),
        retryOn: [404],
        accept: (a) => (a.status === expected ? (a.body as { shareId: string; status: string; sharedAt: string }) : undefined),
      });
    const myShare = (who: Candidate, shareId: string, accept: (s: MyShare) => boolean, what: string) =>
      poll(() => api.get('/api/v1/me/shares?limit=200', who.token), {
        what,
        deadline: budgets.deadline(),
        accept: (a) => {
          const share = (a.body as { items: MyShare[] }).items.find((s) => s.shareId === shareId);
          return share && accept(share) ? share : undefined;
        },
      });
    const inboxItem = (shareId: string, accept: (s: InboxItem) => boolean, query = '') =>
      poll(() => api.get(`/api/v1/institution/shares?limit=200${query}`, org.token), {
        what: `share ${shareId} in the inbox${query}`,
        deadline: budgets.deadline(),
        accept: (a) => {
          const item = (a.body as { items: InboxItem[] }).items.find((s) => s.shareId === shareId);
          return item && accept(item) ? item : undefined;
        },
      });
    const withdraw = (who: Candidate, shareId: string) => api.post(`/api/v1/me/shares/${shareId}/withdrawal`, {}, who.token);

    before(async () => {
      system = await startSystem(mode, 'none');
      budgets = new Budgets(FIRST_BOOT_SETTLE_MS, system.healthyAt);
      api = new Api(system.url);
      admin = await api.login({ email: system.adminEmail, password: system.adminPassword });
      [alice, bob] = await Promise.all([candidate('alice'), candidate('bob')]);
      const departments = Array.from({ length: 14 }, (_, i) => `Faculty ${i + 1}`);
      [org, other] = await Promise.all([organisation('Lifecycle', departments), organisation('Elsewhere', ['Admissions'])]);
    });
    after(async () => {
      await system?.stop();
    });

    it('withdrawn before it is read: the candidate sees it withdrawn, the inbox without details; opening it never marks it read; sent again, it is unread again', async () => {
      const account = org.recipients[0];
      const sent = await send(alice, account.recipientId);
      const answer = await withdraw(alice, sent.shareId).expect(200);
      const withdrawn = answer.body as MyShare;
      assert.equal(withdrawn.status, 'withdrawn');
      assert.equal(withdrawn.shareId, sent.shareId);
      assert.equal(withdrawn.withdrawal?.by, 'candidate');
      assert.equal(withdrawn.withdrawal?.reason, null);
      assert.deepEqual(steps(withdrawn.timeline), ['sent', 'withdrawn']);
      // A repeat answers the same.
      assert.equal((await withdraw(alice, sent.shareId).expect(200)).body.status, 'withdrawn');

      const listed = await myShare(alice, sent.shareId, (s) => s.status === 'withdrawn', 'the withdrawn share in Shared with');
      assert.deepEqual(steps(listed.timeline), ['sent', 'withdrawn']);

      const item = await inboxItem(sent.shareId, (s) => s.status === 'withdrawn');
      assert.equal(item.candidate, undefined);
      assert.equal(item.qualification, undefined);
      assert.equal(item.cefrLevel, undefined);
      assert.equal(item.withdrawal?.by, 'candidate');
      await inboxItem(sent.shareId, (s) => s.status === 'withdrawn', '&status=withdrawn');
      const csv = await api.get('/api/v1/institution/shares/export?format=csv&status=withdrawn', org.token).expect(200);
      const row = csv.text.split('\r\n').find((line) => line.startsWith(sent.shareId));
      assert.ok(row, 'the withdrawn share is exported');
      // shareId, sharedAt, status, readAt, department, then nothing (a UUID or a time may hold "168": not checked there).
      const cells = row.split(',');
      assert.deepEqual(cells.slice(2, 5), ['withdrawn', '', 'Faculty 1']);
      assert.doesNotMatch(cells.slice(2).join(','), /alice|Advanced|Council|168/);
      assert.deepEqual(cells.slice(5), cells.slice(5).map(() => ''), 'no candidate or result details');

      const opened = await api.get(`/api/v1/institution/shares/${sent.shareId}`, org.token).expect(200);
      assert.equal(opened.body.status, 'withdrawn');
      assert.equal(opened.body.candidate, undefined);
      assert.equal(opened.body.result, undefined);
      assert.equal(opened.body.readAt, null);
      assert.equal(opened.body.withdrawal.by, 'candidate');
      assert.deepEqual(steps(opened.body.timeline as TimelineEntry[]), ['sent', 'withdrawn']);
      await api.get(`/api/v1/institution/shares/${sent.shareId}`, other.token).expect(404);
      assert.equal((await myShare(alice, sent.shareId, () => true, 'still withdrawn')).readAt, null);

      // Sent again: the same share, unread again, with its history.
      const again = await api.post('/api/v1/me/shares', { resultId: alice.resultId, recipientId: account.recipientId, consent: true }, alice.token).expect(201);
      assert.equal(again.body.shareId, sent.shareId);
      assert.equal(again.body.status, 'unread');
      assert.ok(again.body.sharedAt > sent.sharedAt);
      const resent = await myShare(alice, sent.shareId, (s) => s.status === 'unread', 'the share sent again, unread');
      assert.deepEqual(steps(resent.timeline), ['sent', 'withdrawn', 'sent']);
      assert.equal(resent.withdrawal, undefined);
      const shown = await inboxItem(sent.shareId, (s) => s.status === 'unread');
      assert.ok(shown.candidate, 'the details are shown again');
    });

    it('once read, withdrawal is refused with 409 and a clear message; the timeline says sent and read', async () => {
      const sent = await send(alice, org.recipients[1].recipientId);
      const opened = await api.get(`/api/v1/institution/shares/${sent.shareId}`, org.token).expect(200);
      assert.equal(opened.body.status, 'read');
      assert.ok(opened.body.result, 'the result is shown');
      assert.deepEqual(opened.body.amendments, []);
      const refused = await withdraw(alice, sent.shareId).expect(409);
      assert.equal(refused.body.code, 'SHARE.ALREADY_READ');
      assert.match(refused.body.message as string, /already been opened by the organisation/);
      const listed = await myShare(alice, sent.shareId, (s) => s.status === 'read', 'the read share in Shared with');
      assert.deepEqual(steps(listed.timeline), ['sent', 'read']);
      assert.equal(listed.timeline.find((t) => t.event === 'read')?.at, listed.readAt);
      assert.equal(listed.amendedAt, null);
    });

    it("another candidate's share, an unknown one or a malformed id is not found; an organisation user may not withdraw", async () => {
      const sent = await send(alice, org.recipients[2].recipientId);
      const stolen = await withdraw(bob, sent.shareId).expect(404);
      assert.ok(stolen.body.message);
      await withdraw(bob, randomUUID()).expect(404);
      await withdraw(alice, randomUUID()).expect(404);
      await withdraw(alice, 'not-a-share').expect(404);
      await withdraw(alice, sent.shareId.replace(/.$/, 'x')).expect(404);
      assert.equal((await api.post(`/api/v1/me/shares/${sent.shareId}/withdrawal`, {}, org.token)).status, 403);
      assert.equal((await api.post(`/api/v1/me/shares/${sent.shareId}/withdrawal`, {})).status, 401);
      assert.equal((await api.post(`/api/v1/me/shares/${sent.shareId}/withdrawal`, { reason: 'x' }, alice.token)).status, 400);
      // Still alice's, still unread.
      assert.equal((await myShare(alice, sent.shareId, (s) => s.status === 'unread', 'untouched')).status, 'unread');
    });

    it('withdraw and open at the same moment: exactly one wins, every time, never a 500', async (t) => {
      let withdrawals = 0;
      let reads = 0;
      const race = async (shareId: string): Promise<'withdrawn' | 'read'> => {
        const [w, o]: Answer[] = await Promise.all([withdraw(alice, shareId), api.get(`/api/v1/institution/shares/${shareId}`, org.token)]);
        assert.equal(o.status, 200, `open: ${o.status} ${JSON.stringify(o.body)}`);
        const opened = o.body as { status: string; candidate?: unknown; result?: unknown; readAt: string | null };
        if (w.status === 200) {
          assert.equal((w.body as MyShare).status, 'withdrawn');
          assert.equal(opened.status, 'withdrawn', 'the opening lost: it shows the withdrawal');
          assert.equal(opened.candidate, undefined);
          assert.equal(opened.result, undefined);
          assert.equal(opened.readAt, null);
          return 'withdrawn';
        }
        assert.equal(w.status, 409, `withdraw: ${w.status} ${JSON.stringify(w.body)}`);
        assert.equal(opened.status, 'read', 'the withdrawal lost: the opening marked it read');
        assert.ok(opened.result);
        return 'read';
      };
      const accounts = org.recipients.slice(3);
      const shares = await Promise.all(accounts.map((a) => send(alice, a.recipientId)));
      const outcomes = await Promise.all(shares.map((s) => race(s.shareId)));
      // The withdrawn ones are sent again and raced once more.
      const again = shares.filter((_, i) => outcomes[i] === 'withdrawn');
      for (const s of again) {
        await api.post('/api/v1/me/shares', { resultId: alice.resultId, recipientId: accounts[shares.indexOf(s)].recipientId, consent: true }, alice.token).expect(201);
      }
      const second = await Promise.all(again.map((s) => race(s.shareId)));
      for (const o of [...outcomes, ...second]) {
        if (o === 'withdrawn') withdrawals++;
        else reads++;
      }
      assert.equal(withdrawals + reads, shares.length + again.length);
      t.diagnostic(`${withdrawals + reads} races: the withdrawal won ${withdrawals}, the opening ${reads}`);
      // What each share ended as is what its last race said.
      const last = new Map(shares.map((s, i) => [s.shareId, outcomes[i]]));
      again.forEach((s, i) => last.set(s.shareId, second[i]));
      for (const [shareId, outcome] of last) {
        const listed = await myShare(alice, shareId, (s) => s.status === outcome, `share ${shareId} ${outcome}`);
        const events = steps(listed.timeline);
        assert.ok(!(events.at(-1) === 'read' && events.includes('withdrawn') && events.lastIndexOf('withdrawn') > events.lastIndexOf('sent')), 'never both');
      }
    });

    it('a result attached to an invitation waits (202 pending) and is listed as pending with its invitation; an unknown or another candidate’s invitation is not found', async () => {
      const email = `admissions-${tag}@invited.example.edu`;
      const invited = await api
        .post('/api/v1/directory/invitations', { organisationName: `Invited College ${tag}`, email, website: `https://invited-${tag}.example.edu` }, alice.token)
        .expect(202);
      const invitationId = invited.body.invitationId as string;
      const pending = await poll(() => api.post('/api/v1/me/shares', { resultId: alice.resultId, invitationId, consent: true }, alice.token), {
        what: 'POST /me/shares to the invitation',
        deadline: budgets.deadline(),
        retryOn: [404],
        accept: (a) => (a.status === 202 ? (a.body as { shareId: string; status: string; sharedAt?: string }) : undefined),
      });
      assert.equal(pending.status, 'pending');
      assert.equal(pending.sharedAt, undefined);
      const repeat = await api.post('/api/v1/me/shares', { resultId: alice.resultId, invitationId, consent: true }, alice.token).expect(202);
      assert.equal(repeat.body.shareId, pending.shareId);
      const listed = await myShare(alice, pending.shareId, (s) => s.status === 'pending', 'the pending share in Shared with');
      assert.equal(listed.invitationId, invitationId);
      assert.deepEqual(listed.timeline, []);
      // Not anyone's inbox, not withdrawable.
      await api.get(`/api/v1/institution/shares/${pending.shareId}`, org.token).expect(404);
      assert.equal((await withdraw(alice, pending.shareId).expect(409)).body.code, 'SHARE.NOT_DELIVERED');
      const bobs = await api.post('/api/v1/me/shares', { resultId: bob.resultId, invitationId, consent: true }, bob.token).expect(404);
      assert.match(bobs.body.message as string, /invitation/i);
      await api.post('/api/v1/me/shares', { resultId: alice.resultId, invitationId: randomUUID(), consent: true }, alice.token).expect(404);
      await api.post('/api/v1/me/shares', { resultId: alice.resultId, invitationId: 'nope', consent: true }, alice.token).expect(400);
      const both = await api.post('/api/v1/me/shares', { resultId: alice.resultId, invitationId, recipientId: org.recipients[0].recipientId, consent: true }, alice.token).expect(400);
      assert.match(both.body.message as string, /recipientId .*or invitationId .*not both/);
      await api.post('/api/v1/me/shares', { resultId: alice.resultId, invitationId }, alice.token).expect(400);

      // The organisation joins: the waiting share is delivered under the same id, unread, to its inbox.
      const link = await tokenFromMail(system.mailDir, email, '/invitations/accept', Math.max(budgets.deadline() - Date.now(), 5_000));
      const accepted = await api.post(`/api/v1/directory/invitations/${link}/accept`, { contactName: 'Aki Tanaka', password: 'invited college pw' }).expect(201);
      const delivered = await myShare(alice, pending.shareId, (s) => s.status === 'unread', 'the waiting share delivered once the organisation joined');
      assert.equal(delivered.invitationId, invitationId);
      assert.deepEqual(steps(delivered.timeline), ['sent']);
      const invitedUser = await api.loginEventually({ email, password: 'invited college pw' }, budgets.deadline());
      const inbox = await poll(() => api.get('/api/v1/institution/shares', invitedUser), {
        what: "the delivered share in the invited organisation's inbox",
        deadline: budgets.deadline(),
        accept: (a) => (a.body as { items: (InboxItem & { recipient: { recipientId: string } })[] }).items.find((i) => i.shareId === pending.shareId),
      });
      assert.equal(inbox.status, 'unread');
      assert.equal(inbox.recipient.recipientId, accepted.body.recipientId);
      assert.ok(inbox.candidate);
    });

    it('the organisation accepts its invitation while the candidate attaches a result: the share reaches it either way, once', async () => {
      const email = `registrar-${tag}@racing.example.edu`;
      const invited = await api
        .post('/api/v1/directory/invitations', { organisationName: `Racing Institute ${tag}`, email, website: `https://racing-${tag}.example.edu` }, alice.token)
        .expect(202);
      const invitationId = invited.body.invitationId as string;
      const link = await tokenFromMail(system.mailDir, email, '/invitations/accept', Math.max(budgets.deadline() - Date.now(), 5_000));
      const [attached, accepted] = await Promise.all([
        poll(() => api.post('/api/v1/me/shares', { resultId: alice.resultId, invitationId, consent: true }, alice.token), {
          what: 'POST /me/shares to the invitation being accepted',
          deadline: budgets.deadline(),
          retryOn: [404],
          accept: (a) => ([200, 201, 202].includes(a.status) ? (a.body as { shareId: string; status: string }) : undefined),
        }),
        api.post(`/api/v1/directory/invitations/${link}/accept`, { contactName: 'Ren Ito', password: 'racing institute pw' }),
      ]);
      assert.equal(accepted.status, 201);
      assert.ok(['pending', 'unread'].includes(attached.status), attached.status);
      const delivered = await myShare(alice, attached.shareId, (s) => s.status === 'unread', 'the attached share delivered');
      assert.deepEqual(steps(delivered.timeline), ['sent']);
      const user = await api.loginEventually({ email, password: 'racing institute pw' }, budgets.deadline());
      const items = await poll(() => api.get('/api/v1/institution/shares', user), {
        what: "the share in the racing organisation's inbox",
        deadline: budgets.deadline(),
        accept: (a) => {
          const list = (a.body as { items: InboxItem[] }).items;
          return list.length > 0 ? list : undefined;
        },
      });
      assert.deepEqual(
        items.map((i) => [i.shareId, i.status]),
        [[attached.shareId, 'unread']],
      );
    });

    it('the exam centre amends while the organisation is reading: every opening shows one whole version (never a mix, never a 500), the share is read once, and it ends at the current version', async (t) => {
      const carol = await candidate('carol');
      const account = org.recipients[2];
      const sent = await send(carol, account.recipientId);
      type Opened = { status: string; result: { overallScore: number; grade: string; components: { skill: string; score: number }[] }; amendments: unknown[] };
      const openings: Opened[] = [];
      let reading = true;
      const readLoop = async () => {
        while (reading) {
          const o = await api.get(`/api/v1/institution/shares/${sent.shareId}`, org.token);
          assert.equal(o.status, 200, `open: ${o.status} ${JSON.stringify(o.body)}`);
          openings.push(o.body as Opened);
        }
      };
      const readers = [readLoop(), readLoop()]; // two people of the organisation at once
      await new Promise((r) => setTimeout(r, 150)); // the organisation is reading when the amendment comes
      const writing = components(sampleResult(carol.idNumber).components, 'Writing', 178);
      await api.post(`/api/v1/admin/results/${carol.resultId}/amendments`, { reason: 'Writing re-marked', overallScore: 174, grade: 'B', components: writing }, admin).expect(200);
      await poll(() => api.get(`/api/v1/institution/shares/${sent.shareId}`, org.token), {
        what: 'the amendment on the share being read',
        deadline: budgets.deadline(),
        accept: (a) => ((a.body as Opened).amendments.length === 1 ? a.body : undefined),
      });
      reading = false;
      await Promise.all(readers);
      t.diagnostic(`${openings.length} openings while the result was amended`);
      assert.ok(openings.length >= 2);
      for (const o of openings) {
        assert.equal(o.status, 'read');
        const whole = o.amendments.length === 0
          ? o.result.overallScore === 168 && o.result.grade === 'C' && o.result.components.find((c) => c.skill === 'Writing')?.score === 165
          : o.result.overallScore === 174 && o.result.grade === 'B' && o.result.components.find((c) => c.skill === 'Writing')?.score === 178;
        assert.ok(whole, `one whole version: ${JSON.stringify(o)}`);
      }
      const mine = await myShare(carol, sent.shareId, (s) => s.amendedAt !== null, "the amendment in carol's Shared with");
      assert.deepEqual(steps(mine.timeline), ['sent', 'read', 'amended'], 'read once, however often it was opened');
    });

    it('the exam centre amends the result: the organisation sees the current version and the history, the candidate when; then withdraws it: withdrawn by the exam centre, never sent again', async () => {
      const account = org.recipients[0];
      const sent = await send(bob, account.recipientId);
      await api.get(`/api/v1/institution/shares/${sent.shareId}`, org.token).expect(200);
      await api.post(`/api/v1/admin/results/${bob.resultId}/amendments`, { reason: 'Re-marked on appeal', overallScore: 175, grade: 'B' }, admin).expect(200);
      const opened = await poll(() => api.get(`/api/v1/institution/shares/${sent.shareId}`, org.token), {
        what: 'the amendment on the opened share',
        deadline: budgets.deadline(),
        accept: (a) => ((a.body as { amendments: unknown[] }).amendments.length === 1 ? (a.body as Record<string, unknown>) : undefined),
      });
      const result = opened['result'] as { overallScore: number; grade: string };
      assert.equal(result.overallScore, 175);
      assert.equal(result.grade, 'B');
      assert.deepEqual((opened['amendments'] as { reason: string; changes: unknown }[]).map((a) => [a.reason, a.changes]), [['Re-marked on appeal', { overallScore: 175, grade: 'B' }]]);
      const mine = await myShare(bob, sent.shareId, (s) => s.amendedAt !== null, "the amendment in bob's Shared with");
      assert.deepEqual(steps(mine.timeline), ['sent', 'read', 'amended']);
      assert.equal(mine.status, 'read');

      await api.post(`/api/v1/admin/results/${bob.resultId}/withdrawal`, { reason: 'Malpractice' }, admin).expect(200);
      const item = await inboxItem(sent.shareId, (s) => s.status === 'withdrawn');
      assert.equal(item.withdrawal?.by, 'exam-centre');
      assert.equal(item.candidate, undefined);
      const closed = await api.get(`/api/v1/institution/shares/${sent.shareId}`, org.token).expect(200);
      assert.equal(closed.body.status, 'withdrawn');
      assert.equal(closed.body.result, undefined);
      assert.deepEqual(closed.body.amendments, []);
      assert.equal(closed.body.withdrawal.reason, 'Malpractice');
      const gone = await myShare(bob, sent.shareId, (s) => s.status === 'withdrawn', "the withdrawal in bob's Shared with");
      assert.deepEqual(gone.withdrawal, { at: gone.withdrawal?.at, by: 'exam-centre', reason: 'Malpractice' });
      // Neither sent again to that account, nor to another.
      assert.equal((await api.post('/api/v1/me/shares', { resultId: bob.resultId, recipientId: account.recipientId, consent: true }, bob.token)).status, 422);
      assert.equal((await api.post('/api/v1/me/shares', { resultId: bob.resultId, recipientId: org.recipients[1].recipientId, consent: true }, bob.token)).status, 422);
      // The candidate cannot withdraw it again either (it is withdrawn: the same answer).
      assert.equal((await withdraw(bob, sent.shareId).expect(200)).body.status, 'withdrawn');
    });
  });
}
