import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectEventually, type ServiceHarness } from '#libs/testing';
import { startResults } from './results.harness.js';

describe('results service (embedded adapters)', () => {
  let h: ServiceHarness;
  const published: string[] = [];

  before(async () => {
    h = await startResults();
    h.bus.subscribe('probe', 'results.entry.v1', async (m) => void published.push(m.value));
    h.bus.subscribe('probe', 'results.result.v1', async (m) => void published.push(m.value));
  });

  after(async () => {
    await h?.close();
  });

  it('enters a candidate, publishes a result and shows it to the candidate only', async () => {
    const admin = await h.issuer.sign({ sub: 'admin', roles: ['exam-centre', 'operator'] });
    const entry = await h.api
      .post('/api/v1/admin/entries')
      .set('authorization', `Bearer ${admin}`)
      .send({ name: 'Hanako Yamada', dateOfBirth: '2001-04-02', exam: 'C1 Advanced', centre: 'JP001' })
      .expect(201);
    assert.match(entry.body.idNumber, /^C\d{8}$/);
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
    const candidate = await h.issuer.sign({ sub: 'cand-1', roles: ['candidate'], idn: entry.body.idNumber });
    const mine = await expectEventually(async () => {
      const r = await h.api.get('/api/v1/me/results').set('authorization', `Bearer ${candidate}`).expect(200);
      assert.equal(r.body.items.length, 1);
      return r.body.items[0];
    });
    assert.equal(mine.resultId, result.body.resultId);
    assert.equal(mine.overallScore, 168);
    const other = await h.issuer.sign({ sub: 'cand-2', roles: ['candidate'], idn: 'C00000000' });
    const theirs = await h.api.get('/api/v1/me/results').set('authorization', `Bearer ${other}`).expect(200);
    assert.deepEqual(theirs.body.items, []);
    await h.api.get(`/api/v1/me/results/${mine.resultId}/statement`).set('authorization', `Bearer ${other}`).expect(404);
    const pdf = await h.api.get(`/api/v1/me/results/${mine.resultId}/statement`).set('authorization', `Bearer ${candidate}`).expect(200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    await expectEventually(() => assert.equal(published.length, 2));
  });

  it('refuses bad input with a 400 and a candidate token on admin routes with a 403', async () => {
    const admin = await h.issuer.sign({ sub: 'admin', roles: ['exam-centre'] });
    const bad = await h.api
      .post('/api/v1/admin/entries')
      .set('authorization', `Bearer ${admin}`)
      .send({ name: { $gt: '' }, dateOfBirth: '2001-13-45', exam: 'x', centre: 'y', extra: 1 })
      .expect(400);
    assert.equal(bad.body.statusCode, 400);
    const candidate = await h.issuer.sign({ sub: 'c', roles: ['candidate'], idn: 'C1' });
    await h.api
      .post('/api/v1/admin/entries')
      .set('authorization', `Bearer ${candidate}`)
      .send({ name: 'A', dateOfBirth: '2001-01-01', exam: 'x', centre: 'y' })
      .expect(403);
    await h.api.get('/api/v1/me/results').expect(401);
  });
});
