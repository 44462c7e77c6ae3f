import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { InProcessBus } from '#libs/messaging';
import { embeddedInfrastructure, startService, type RunningService } from '#libs/platform';
import { expectEventually, TestTokenIssuer } from '#libs/testing';
import { ResultsProjection } from '../src/projections/results.projection.js';
import { ResultsModule } from '../src/results.module.js';

/** A clock the test moves by hand: the service reads "now" from its infrastructure. */
class ManualClock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

const HOUR = 3_600_000;

describe('results: a result is hidden until its release time', () => {
  const clock = new ManualClock(new Date(Math.floor(Date.now() / 1000) * 1000)); // whole seconds: releaseAt is exact
  const bus = new InProcessBus();
  let issuer: TestTokenIssuer;
  let service: RunningService;
  let dataDir: string;

  before(async () => {
    issuer = await TestTokenIssuer.start();
    dataDir = await mkdtemp(join(tmpdir(), 'results-release-'));
    bus.open();
    const infra = await embeddedInfrastructure('results', { dataDir, bus, jwksUrl: () => issuer.jwksUrl, publicUrl: 'http://localhost:3000', logLevel: 'warn' });
    infra.clock = clock;
    service = await startService(ResultsModule.register(infra), infra, { port: 0, consumes: false });
  });

  after(async () => {
    await service?.close();
    await issuer?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps it out of the listing, the statement and verification until the clock passes releaseAt, then shows it in all three', async () => {
    const admin = await issuer.sign({ sub: 'admin', roles: ['exam-centre'] });
    const org = await issuer.sign({ sub: 'u1', roles: ['organisation'], org: 'o1' });
    const entry = await request(service.url)
      .post('/api/v1/admin/entries')
      .set('authorization', `Bearer ${admin}`)
      .send({ name: 'Hanako Yamada', dateOfBirth: '2001-04-02', exam: 'C1 Advanced', centre: 'JP001' })
      .expect(201);
    const idNumber = entry.body.idNumber as string;
    const releaseAt = new Date(clock.now().getTime() + 24 * HOUR).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const published = await request(service.url)
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
    const candidate = await issuer.sign({ sub: 'cand-1', roles: ['candidate'], idn: idNumber });

    // The positive marker first: the result is in the read model, so what follows is hiding, not lag.
    const projection = service.app.get(ResultsProjection);
    const stored = await expectEventually(async () => {
      const doc = await projection.view.findOne({ _id: resultId });
      assert.ok(doc, 'projected');
      return doc;
    });
    assert.equal(stored.releaseAt, new Date(releaseAt).toISOString());
    const code = stored.verificationCode;

    const check = async (visible: boolean) => {
      const list = await request(service.url).get('/api/v1/me/results').set('authorization', `Bearer ${candidate}`).expect(200);
      assert.deepEqual(
        list.body.items.map((r: { resultId: string }) => r.resultId),
        visible ? [resultId] : [],
        `listing at ${clock.now().toISOString()}`,
      );
      await request(service.url)
        .get(`/api/v1/me/results/${resultId}/statement`)
        .set('authorization', `Bearer ${candidate}`)
        .expect(visible ? 200 : 404);
      const verified = await request(service.url).get(`/api/v1/verification/${code}`).set('authorization', `Bearer ${org}`).expect(visible ? 200 : 404);
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
