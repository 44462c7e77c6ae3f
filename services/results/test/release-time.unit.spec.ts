import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectEventually, ManualClock, type ServiceHarness } from '#libs/testing';
import { ResultsProjection } from '../src/projections/results.projection.js';
import { startResults } from './results.harness.js';

const HOUR = 3_600_000;

describe('results: a result is hidden until its release time', () => {
  const clock = new ManualClock(new Date(Math.floor(Date.now() / 1000) * 1000)); // whole seconds: releaseAt is exact
  let h: ServiceHarness;

  before(async () => {
    h = await startResults({ clock });
  });

  after(async () => {
    await h?.close();
  });

  it('keeps it out of the listing, the statement and verification until the clock passes releaseAt, then shows it in all three', async () => {
    const admin = await h.issuer.sign({ sub: 'admin', roles: ['exam-centre'] });
    const org = await h.issuer.sign({ sub: 'u1', roles: ['organisation'], org: 'o1' });
    const entry = await h.api
      .post('/api/v1/admin/entries')
      .set('authorization', `Bearer ${admin}`)
      .send({ name: 'Hanako Yamada', dateOfBirth: '2001-04-02', exam: 'C1 Advanced', centre: 'JP001' })
      .expect(201);
    const idNumber = entry.body.idNumber as string;
    const releaseAt = new Date(clock.now().getTime() + 24 * HOUR).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const published = await h.api
      .post('/api/v1/admin/results')
      .set('authorization', `Bearer ${admin}`)
      .send({
        idNumber,
        qualification: 'Certificate in Advanced English',
        cefrLevel: 'Council of Europe Level B2',
        overallScore: 168,
        grade: 'C',
        components: [{ skill: 'Reading', score: 170 }],
        examDate: '2025-06-14',
        releaseAt,
      })
      .expect(201);
    const resultId = published.body.resultId as string;
    const candidate = await h.issuer.sign({ sub: 'cand-1', roles: ['candidate'], idn: idNumber });

    // The positive marker first: the result is in the read model, so what follows is hiding, not lag.
    const projection = h.app.get(ResultsProjection);
    const stored = await expectEventually(async () => {
      const doc = await projection.view.findOne({ _id: resultId });
      assert.ok(doc, 'projected');
      return doc;
    });
    assert.equal(stored.releaseAt, new Date(releaseAt).toISOString());
    const code = stored.verificationCode;

    const check = async (visible: boolean) => {
      const list = await h.api.get('/api/v1/me/results').set('authorization', `Bearer ${candidate}`).expect(200);
      assert.deepEqual(
        list.body.items.map((r: { resultId: string }) => r.resultId),
        visible ? [resultId] : [],
        `listing at ${clock.now().toISOString()}`,
      );
      await h.api
        .get(`/api/v1/me/results/${resultId}/statement`)
        .set('authorization', `Bearer ${candidate}`)
        .expect(visible ? 200 : 404);
      const verified = await h.api.get(`/api/v1/verification/${code}`).set('authorization', `Bearer ${org}`).expect(visible ? 200 : 404);
      if (visible) assert.equal(verified.body.candidate.idNumber, idNumber);
      else assert.equal(verified.body.message, 'No statement has this verification code.');
    };

    await check(false);
    clock.advance(24 * HOUR - 1_000);
    await check(false); // one second before release
    clock.advance(1_000);
    await check(true); // exactly at release
    clock.advance(HOUR);
    await check(true);
  });
});
