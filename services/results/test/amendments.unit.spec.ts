import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { extractText, getDocumentProxy } from 'unpdf';
import type { KnownEnvelope } from '#libs/contracts';
import { expectEventually, type ServiceHarness } from '#libs/testing';
import { startResults } from './results.harness.js';

const textOf = async (pdf: Buffer): Promise<string> =>
  (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text.replace(/\s+/g, ' ');

describe('results: the exam centre amends and withdraws a result (embedded adapters)', () => {
  let h: ServiceHarness;
  let admin: string;
  let candidate: string;
  let resultId: string;
  let code: string;
  let published: KnownEnvelope[];

  before(async () => {
    h = await startResults();
    published = h.probe('results.result.v1');
    admin = await h.issuer.sign({ sub: 'admin', roles: ['exam-centre', 'operator'] });
    const entry = await h.api
      .post('/api/v1/admin/entries')
      .set('authorization', `Bearer ${admin}`)
      .send({ name: 'Hanako Yamada', dateOfBirth: '2001-04-02', exam: 'C1 Advanced', centre: 'JP001' })
      .expect(201);
    const result = await h.api
      .post('/api/v1/admin/results')
      .set('authorization', `Bearer ${admin}`)
      .send({
        idNumber: entry.body.idNumber,
        qualification: 'Certificate in Advanced English',
        cefrLevel: 'Council of Europe Level B2',
        overallScore: 168,
        grade: 'C',
        components: [{ skill: 'Reading', score: 170 }, { skill: 'Writing', score: 165 }],
        examDate: '2026-06-14',
      })
      .expect(201);
    resultId = result.body.resultId;
    candidate = await h.issuer.sign({ sub: 'cand-1', roles: ['candidate'], idn: entry.body.idNumber });
    code = await expectEventually(async () => {
      const r = await h.api.get('/api/v1/me/results').set('authorization', `Bearer ${candidate}`).expect(200);
      assert.equal(r.body.items.length, 1);
      assert.equal(r.body.items[0].amendedAt, null);
      assert.equal(r.body.items[0].withdrawnAt, null);
      return r.body.items[0].verificationCode as string;
    });
  });

  after(async () => {
    await h?.close();
  });

  const amend = (body: object, token = admin, id = resultId) => h.api.post(`/api/v1/admin/results/${id}/amendments`).set('authorization', `Bearer ${token}`).send(body);
  const withdraw = (body: object, token = admin, id = resultId) => h.api.post(`/api/v1/admin/results/${id}/withdrawal`).set('authorization', `Bearer ${token}`).send(body);

  it('refuses bad amendments clearly: no reason (400), a malformed field (400), nothing changed (422), an unknown result (404), a candidate (403)', async () => {
    assert.equal((await amend({ overallScore: 170 })).status, 400);
    assert.equal((await amend({ reason: '   ', overallScore: 170 })).status, 400);
    assert.equal((await amend({ reason: 'x'.repeat(1001), overallScore: 170 })).status, 400);
    assert.equal((await amend({ reason: 'r', overallScore: -1 })).status, 400);
    assert.equal((await amend({ reason: 'r', overallScore: null })).status, 400);
    assert.equal((await amend({ reason: 'r', components: [] })).status, 400);
    assert.equal((await amend({ reason: 'r', grade: 'B', extra: 1 })).status, 400);
    const twice = await amend({ reason: 'r', components: [{ skill: 'Reading', score: 1 }, { skill: 'reading', score: 2 }] });
    assert.equal(twice.status, 400);
    assert.equal(twice.body.code, 'RESULT.DUPLICATE_SKILL');
    const none = await amend({ reason: 'r' });
    assert.equal(none.status, 422);
    assert.equal(none.body.code, 'RESULT.NO_CHANGE');
    const same = await amend({ reason: 'r', overallScore: 168, grade: 'C' });
    assert.equal(same.status, 422);
    assert.match(JSON.stringify(same.body.message), /Nothing to amend/);
    assert.equal((await amend({ reason: 'r', grade: 'B' }, admin, randomUUID())).status, 404);
    assert.equal((await amend({ reason: 'r', grade: 'B' }, admin, 'not-a-uuid')).status, 404);
    assert.equal((await withdraw({ reason: 'r' }, admin, randomUUID())).status, 404);
    assert.equal((await amend({ reason: 'r', grade: 'B' }, candidate)).status, 403);
    assert.equal((await withdraw({ reason: 'r' }, candidate)).status, 403);
    const organisation = await h.issuer.sign({ sub: 'org-user', roles: ['organisation'], org: randomUUID() });
    assert.equal((await withdraw({ reason: 'r' }, organisation)).status, 403);
  });

  it('amends: the answer, the candidate, verification and the statement show the current version; ResultAmended is published', async () => {
    const r = await amend({ reason: 'Re-mark of the Writing paper', overallScore: 172, grade: 'B', components: [{ skill: 'Reading', score: 170 }, { skill: 'Writing', score: 174 }] }).expect(200);
    assert.equal(r.body.resultId, resultId);
    assert.equal(r.body.overallScore, 172);
    assert.equal(r.body.grade, 'B');
    assert.equal(r.body.verificationCode, code);
    assert.equal(r.body.withdrawal, null);
    assert.equal(r.body.amendments.length, 1);
    assert.deepEqual(r.body.amendments[0].changes, { overallScore: 172, grade: 'B', components: [{ skill: 'Reading', score: 170 }, { skill: 'Writing', score: 174 }] });
    const mine = await expectEventually(async () => {
      const list = await h.api.get('/api/v1/me/results').set('authorization', `Bearer ${candidate}`).expect(200);
      assert.equal(list.body.items[0].overallScore, 172);
      return list.body.items[0];
    });
    assert.equal(mine.amendedAt, r.body.amendments[0].at);
    assert.equal(mine.withdrawnAt, null);
    const verified = await h.api.post('/api/v1/verification').send({ code, dateOfBirth: '2001-04-02' }).expect(200);
    assert.equal(verified.body.status, 'genuine');
    assert.equal(verified.body.result.overallScore, 172);
    const byCode = await h.api.get(`/api/v1/verification/${code}`).set('authorization', `Bearer ${admin}`).expect(200);
    assert.equal(byCode.body.grade, 'B');
    for (const [lang, words] of [['en', `Amended on ${mine.amendedAt.slice(0, 10)}: Re-mark of the Writing paper`], ['ja', '訂正日']] as const) {
      const pdf = await fetch(`${h.url}/api/v1/me/results/${resultId}/statement?lang=${lang}`, { headers: { authorization: `Bearer ${candidate}` } });
      assert.equal(pdf.status, 200);
      const text = await textOf(Buffer.from(await pdf.arrayBuffer()));
      assert.ok(text.includes(words), `${lang}: ${words} in ${text}`);
      assert.ok(text.includes('172'), `${lang}: the current score`);
      assert.ok(text.includes('Re-mark of the Writing paper'));
    }
    const event = await expectEventually(() => {
      const e = published.find((p) => p.type === 'ResultAmended');
      assert.ok(e);
      return e;
    });
    assert.deepEqual(event.data, {
      resultId,
      amendedAt: mine.amendedAt,
      reason: 'Re-mark of the Writing paper',
      changes: { overallScore: 172, grade: 'B', components: [{ skill: 'Reading', score: 170 }, { skill: 'Writing', score: 174 }] },
      result: {
        qualification: 'Certificate in Advanced English',
        cefrLevel: 'Council of Europe Level B2',
        overallScore: 172,
        grade: 'B',
        components: [{ skill: 'Reading', score: 170 }, { skill: 'Writing', score: 174 }],
        examDate: '2026-06-14',
        verificationCode: code,
      },
    });
  });

  it('withdraws (a second time changes nothing): verifies as withdrawn, statement refused (409), no more amendments; ResultWithdrawn is published once', async () => {
    const first = await withdraw({ reason: 'Malpractice confirmed' }).expect(200);
    assert.equal(first.body.withdrawal.reason, 'Malpractice confirmed');
    assert.equal(first.body.amendments.length, 1);
    const second = await withdraw({ reason: 'again' }).expect(200);
    assert.deepEqual(second.body, first.body);
    const mine = await expectEventually(async () => {
      const list = await h.api.get('/api/v1/me/results').set('authorization', `Bearer ${candidate}`).expect(200);
      assert.ok(list.body.items[0].withdrawnAt);
      return list.body.items[0];
    });
    assert.equal(mine.withdrawnAt, first.body.withdrawal.at);
    const verified = await h.api.post('/api/v1/verification').send({ code, dateOfBirth: '2001-04-02' }).expect(200);
    assert.deepEqual(verified.body, { code, status: 'withdrawn' });
    const bulkOrg = await h.issuer.sign({ sub: 'org-user', roles: ['organisation'], org: randomUUID() });
    const bulk = await h.api.post('/api/v1/institution/verifications').set('authorization', `Bearer ${bulkOrg}`).send({ items: [{ code, dateOfBirth: '2001-04-02' }] }).expect(200);
    assert.deepEqual(bulk.body.items, [{ code, status: 'withdrawn' }]);
    const byCode = await h.api.get(`/api/v1/verification/${code}`).set('authorization', `Bearer ${admin}`).expect(409);
    assert.equal(byCode.body.code, 'RESULT.WITHDRAWN');
    const statement = await h.api.get(`/api/v1/me/results/${resultId}/statement`).set('authorization', `Bearer ${candidate}`).expect(409);
    assert.equal(statement.body.code, 'RESULT.WITHDRAWN');
    assert.match(JSON.stringify(statement.body.message), /withdrawn by the exam centre on \d{4}-\d{2}-\d{2}/);
    const late = await amend({ reason: 'r', grade: 'A' }).expect(409);
    assert.equal(late.body.code, 'RESULT.WITHDRAWN');
    await expectEventually(() => assert.equal(published.filter((p) => p.type === 'ResultWithdrawn').length, 1));
    assert.deepEqual(published.find((p) => p.type === 'ResultWithdrawn')?.data, { resultId, withdrawnAt: mine.withdrawnAt, reason: 'Malpractice confirmed' });
  });
});
