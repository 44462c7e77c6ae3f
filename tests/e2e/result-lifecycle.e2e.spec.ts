import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Api, runTag, sampleResult } from './api.js';
import { Budgets, FIRST_BOOT_SETTLE_MS, poll, type Answer } from './poll.js';
import { modes, startSystem, type SystemUnderTest } from './system.js';

interface MyResult {
  resultId: string;
  overallScore: number;
  grade: string;
  verificationCode: string;
  amendedAt: string | null;
  withdrawnAt: string | null;
}

const itemsOf = (a: Answer) => (a.body as { items: MyResult[] }).items;

// The exam centre amends, then withdraws, a published result (issue 12): what the candidate, the
// verification routes and the statement show, through the gateway.
for (const mode of modes()) {
  describe(`an exam centre amends and withdraws a result (${mode} mode)`, () => {
    let system: SystemUnderTest;
    let api: Api;
    let budgets: Budgets;
    let admin: string;
    let candidate: string;
    let org: string;
    let resultId: string;
    let code: string;
    const tag = runTag();
    const dateOfBirth = '2000-01-01';

    before(async () => {
      system = await startSystem(mode, 'none');
      budgets = new Budgets(FIRST_BOOT_SETTLE_MS, system.healthyAt);
      api = new Api(system.url);
      admin = await api.login({ email: system.adminEmail, password: system.adminPassword });
      const entry = (await api.post('/api/v1/admin/entries', { name: 'Hana Amend', dateOfBirth, exam: 'C1 Advanced', centre: 'JP001' }, admin).expect(201)).body as {
        idNumber: string;
        secretNumber: string;
      };
      resultId = (await api.post('/api/v1/admin/results', sampleResult(entry.idNumber), admin).expect(201)).body.resultId as string;
      await api.register({ idNumber: entry.idNumber, secretNumber: entry.secretNumber, email: `hana-${tag}@mail.example`, password: 'hana has a long password' }, budgets.deadline());
      candidate = await api.login({ idNumber: entry.idNumber, password: 'hana has a long password' });
      const email = `amend-${tag}@org.example`;
      await api
        .post('/api/v1/admin/organisations', { name: `Amend College ${tag}`, kind: 'education', country: 'United Kingdom', website: `https://amend-${tag}.example`, email }, admin)
        .expect(201);
      const token = await api.resetToken(system.mailDir, email, budgets.deadline());
      await api.post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'organisation password' }).expect(204);
      org = await api.login({ email, password: 'organisation password' });
      const mine = await poll(() => api.get('/api/v1/me/results', candidate), {
        what: 'the published result',
        deadline: budgets.deadline(),
        accept: (a) => itemsOf(a)[0],
      });
      assert.equal(mine.amendedAt, null);
      assert.equal(mine.withdrawnAt, null);
      code = mine.verificationCode;
    });
    after(async () => {
      await system?.stop();
    });

    it('the admin routes refuse candidates and organisations (403), an unknown result (404), and an amendment without a change (422)', async () => {
      for (const token of [candidate, org]) {
        assert.equal((await api.post(`/api/v1/admin/results/${resultId}/amendments`, { reason: 'r', overallScore: 1 }, token)).status, 403);
        assert.equal((await api.post(`/api/v1/admin/results/${resultId}/withdrawal`, { reason: 'r' }, token)).status, 403);
      }
      assert.equal((await api.post(`/api/v1/admin/results/${resultId}/withdrawal`, { reason: 'r' })).status, 401);
      const unknown = await api.post(`/api/v1/admin/results/${randomUUID()}/amendments`, { reason: 'r', overallScore: 1 }, admin);
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.code, 'RESULT.NOT_FOUND');
      assert.equal((await api.post(`/api/v1/admin/results/${randomUUID()}/withdrawal`, { reason: 'r' }, admin)).status, 404);
      const same = await api.post(`/api/v1/admin/results/${resultId}/amendments`, { reason: 'r', overallScore: 168, grade: 'C' }, admin);
      assert.equal(same.status, 422);
      assert.equal(same.body.code, 'RESULT.NO_CHANGE');
      assert.equal((await api.post(`/api/v1/admin/results/${resultId}/amendments`, { overallScore: 170 }, admin)).status, 400);
      assert.equal((await api.post(`/api/v1/admin/results/${resultId}/amendments`, { reason: 'r', overallScore: 1001 }, admin)).status, 400);
    });

    it('amends: the candidate sees the new score and amendedAt, verification shows the current version', async () => {
      const r = await api.post(`/api/v1/admin/results/${resultId}/amendments`, { reason: 'Re-mark of the Writing paper', overallScore: 176, grade: 'B' }, admin).expect(200);
      assert.equal(r.body.overallScore, 176);
      assert.equal(r.body.grade, 'B');
      assert.equal(r.body.verificationCode, code);
      assert.deepEqual(r.body.amendments.map((a: { reason: string; changes: object }) => [a.reason, a.changes]), [['Re-mark of the Writing paper', { overallScore: 176, grade: 'B' }]]);
      assert.equal(r.body.withdrawal, null);
      const mine = await poll(() => api.get('/api/v1/me/results', candidate), {
        what: 'the amended result',
        deadline: budgets.deadline(),
        accept: (a) => (itemsOf(a)[0]?.overallScore === 176 ? itemsOf(a)[0] : undefined),
      });
      assert.equal(mine.grade, 'B');
      assert.equal(mine.amendedAt, r.body.amendments[0].at);
      assert.equal(mine.withdrawnAt, null);
      const byCode = await api.get(`/api/v1/verification/${code}`, org).expect(200);
      assert.equal(byCode.body.overallScore, 176);
      const checked = await api.post('/api/v1/verification', { code, dateOfBirth }).expect(200);
      assert.equal(checked.body.status, 'genuine');
      assert.equal(checked.body.result.overallScore, 176);
      const bulk = await api.post('/api/v1/institution/verifications', { items: [{ code, dateOfBirth }] }, org).expect(200);
      assert.equal(bulk.body.items[0].result.grade, 'B');
      const statement = await api.get(`/api/v1/me/results/${resultId}/statement`, candidate).expect(200);
      assert.equal(statement.headers['content-type'], 'application/pdf');
    });

    it('withdraws (again: the same answer): it verifies as withdrawn everywhere, its statement is refused, it cannot be amended', async () => {
      const first = await api.post(`/api/v1/admin/results/${resultId}/withdrawal`, { reason: 'Malpractice confirmed' }, admin).expect(200);
      assert.equal(first.body.withdrawal.reason, 'Malpractice confirmed');
      const second = await api.post(`/api/v1/admin/results/${resultId}/withdrawal`, { reason: 'twice' }, admin).expect(200);
      assert.deepEqual(second.body, first.body);
      // The candidate's list and the verification routes read one view in results: once the list shows the withdrawal, so do they.
      const mine = await poll(() => api.get('/api/v1/me/results', candidate), {
        what: 'the withdrawn result',
        deadline: budgets.deadline(),
        accept: (a) => (itemsOf(a)[0]?.withdrawnAt ? itemsOf(a)[0] : undefined),
      });
      assert.equal(mine.withdrawnAt, first.body.withdrawal.at);
      const now = await api.get(`/api/v1/verification/${code}`, org);
      assert.equal(now.status, 409);
      assert.equal(now.body.code, 'RESULT.WITHDRAWN');
      assert.equal(now.body.result, undefined);
      assert.deepEqual((await api.post('/api/v1/verification', { code, dateOfBirth }).expect(200)).body, { code, status: 'withdrawn' });
      assert.deepEqual((await api.post('/api/v1/institution/verifications', { items: [{ code, dateOfBirth }] }, org).expect(200)).body.items, [{ code, status: 'withdrawn' }]);
      const statement = await api.get(`/api/v1/me/results/${resultId}/statement`, candidate);
      assert.equal(statement.status, 409);
      assert.equal(statement.body.code, 'RESULT.WITHDRAWN');
      assert.match(statement.body.message, /withdrawn by the exam centre on \d{4}-\d{2}-\d{2}: its Statement of Results is no longer issued/);
      const late = await api.post(`/api/v1/admin/results/${resultId}/amendments`, { reason: 'late', grade: 'A' }, admin);
      assert.equal(late.status, 409);
      assert.equal(late.body.code, 'RESULT.WITHDRAWN');
    });
  });
}
