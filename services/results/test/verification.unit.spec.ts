import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BULK_VERIFICATION_MAX_ITEMS } from '#libs/contracts';
import { expectEventually, type ServiceHarness } from '#libs/testing';
import { ResultsProjection } from '../src/projections/results.projection.js';
import { BULK_VERIFICATION_LIMIT, PUBLIC_VERIFICATION_LIMIT } from '../src/result/verification-rate.limiter.js';
import { startResults } from './results.harness.js';

interface Published {
  code: string;
  dateOfBirth: string;
  idNumber: string;
}

describe('results: verifying statements, public and in bulk (embedded adapters)', () => {
  let h: ServiceHarness;
  let admin: string;
  let org: string;
  const published: Published[] = [];

  const publish = async (name: string, dateOfBirth: string): Promise<Published> => {
    const entry = await h.api.post('/api/v1/admin/entries').set('authorization', `Bearer ${admin}`).send({ name, dateOfBirth, exam: 'C1 Advanced', centre: 'JP001' }).expect(201);
    await h.api
      .post('/api/v1/admin/results')
      .set('authorization', `Bearer ${admin}`)
      .send({ idNumber: entry.body.idNumber, qualification: 'Certificate in Advanced English', cefrLevel: 'B2', overallScore: 168, grade: 'C', components: [{ skill: 'Reading', score: 170 }], examDate: '2026-06-14' })
      .expect(201);
    const candidate = await h.issuer.sign({ sub: `c-${entry.body.idNumber}`, roles: ['candidate'], idn: entry.body.idNumber });
    const code = await expectEventually(async () => {
      const r = await h.api.get('/api/v1/me/results').set('authorization', `Bearer ${candidate}`).expect(200);
      assert.equal(r.body.items.length, 1);
      return r.body.items[0].verificationCode as string;
    });
    return { code, dateOfBirth, idNumber: entry.body.idNumber };
  };
  const check = (body: unknown, address = '203.0.113.1') => h.api.post('/api/v1/verification').set('x-forwarded-for', address).send(body as object);
  const bulk = (items: unknown, token = org) => h.api.post('/api/v1/institution/verifications').set('authorization', `Bearer ${token}`).send({ items });

  before(async () => {
    h = await startResults();
    admin = await h.issuer.sign({ sub: 'admin', roles: ['exam-centre', 'operator'] });
    org = await h.issuer.sign({ sub: 'org-user-1', roles: ['organisation'], org: 'org-1' });
    published.push(await publish('山田 花子', '2001-04-02'), await publish('Иван Петров', '1999-12-31'));
  });

  after(async () => {
    await h?.close();
  });

  it('answers genuine with the details for the right date of birth, without a token, and accepts the code typed loosely', async () => {
    const [hanako] = published as [Published];
    const r = await check({ code: hanako.code, dateOfBirth: hanako.dateOfBirth }).expect(200);
    assert.equal(r.body.status, 'genuine');
    assert.equal(r.body.code, hanako.code);
    assert.deepEqual(r.body.result.candidate, { name: '山田 花子', dateOfBirth: '2001-04-02', idNumber: hanako.idNumber });
    assert.equal(r.body.result.verificationCode, hanako.code);
    const loose = await check({ code: ` ${hanako.code.replace(/-/g, '').toLowerCase()} `, dateOfBirth: hanako.dateOfBirth }).expect(200);
    assert.equal(loose.body.status, 'genuine');
    assert.equal(loose.body.result.verificationCode, hanako.code);
  });

  it('answers a wrong date of birth exactly like an unknown code: not-found, no details', async () => {
    const [hanako] = published as [Published];
    const wrongBirth = await check({ code: hanako.code, dateOfBirth: '2001-04-03' }).expect(200);
    const unknown = await check({ code: 'ZZZZ-ZZZZ-ZZZZ', dateOfBirth: '2001-04-03' }).expect(200);
    assert.deepEqual(wrongBirth.body, { code: hanako.code, status: 'not-found' });
    assert.deepEqual(unknown.body, { code: 'ZZZZ-ZZZZ-ZZZZ', status: 'not-found' });
    assert.deepEqual(Object.keys(wrongBirth.headers).sort(), Object.keys(unknown.headers).sort());
    assert.deepEqual((await check({ code: 'not a code at all', dateOfBirth: '2001-04-02' }).expect(200)).body, { code: 'not a code at all', status: 'not-found' });
  });

  it('refuses a missing or malformed code or date of birth with a 400 naming the field', async () => {
    for (const [body, field] of [
      [{ dateOfBirth: '2001-04-02' }, 'code'],
      [{ code: '', dateOfBirth: '2001-04-02' }, 'code'],
      [{ code: 'x'.repeat(65), dateOfBirth: '2001-04-02' }, 'code'],
      [{ code: 'ABCD-EFGH-IJKL' }, 'dateOfBirth'],
      [{ code: 'ABCD-EFGH-IJKL', dateOfBirth: '02/04/2001' }, 'dateOfBirth'],
      [{ code: 'ABCD-EFGH-IJKL', dateOfBirth: '2001-02-30' }, 'dateOfBirth'],
      [{ code: { $gt: '' }, dateOfBirth: '2001-04-02' }, 'code'],
    ] as const) {
      const r = await check(body).expect(400);
      assert.equal(r.body.statusCode, 400);
      assert.match(JSON.stringify(r.body.message), new RegExp(field), JSON.stringify(body));
    }
  });

  it(`limits public checks to ${PUBLIC_VERIFICATION_LIMIT.max} per address in 15 minutes, per address`, async () => {
    const address = '198.51.100.7';
    const statuses: number[] = [];
    for (let i = 0; i < PUBLIC_VERIFICATION_LIMIT.max + 1; i++) statuses.push((await check({ code: 'ZZZZ-ZZZZ-ZZZZ', dateOfBirth: '2000-01-01' }, address)).status);
    assert.deepEqual(statuses.slice(0, PUBLIC_VERIFICATION_LIMIT.max), Array(PUBLIC_VERIFICATION_LIMIT.max).fill(200));
    const refused = await check({ code: 'ZZZZ-ZZZZ-ZZZZ', dateOfBirth: '2000-01-01' }, address).expect(429);
    assert.equal(refused.body.code, 'VERIFICATION.RATE_LIMITED');
    await check({ code: 'ZZZZ-ZZZZ-ZZZZ', dateOfBirth: '2000-01-01' }, '198.51.100.8').expect(200);
  });

  it('bulk: answers each item in the order sent (duplicates, wrong birth dates and unknown codes included) from one read', async () => {
    const [hanako, ivan] = published as [Published, Published];
    const projection = h.app.get(ResultsProjection);
    const reads: string[] = [];
    const { find, findOne } = projection.view;
    projection.view.find = (...args) => (reads.push('find'), find.apply(projection.view, args));
    projection.view.findOne = (...args) => (reads.push('findOne'), findOne.apply(projection.view, args));
    try {
      const items = [
        { code: ivan.code, dateOfBirth: ivan.dateOfBirth },
        { code: 'ZZZZ-ZZZZ-ZZZZ', dateOfBirth: '2000-01-01' },
        { code: hanako.code.toLowerCase(), dateOfBirth: hanako.dateOfBirth },
        { code: hanako.code, dateOfBirth: '1990-01-01' },
        { code: 'garbage', dateOfBirth: '2000-01-01' },
        { code: ivan.code, dateOfBirth: ivan.dateOfBirth },
      ];
      const r = await bulk(items).expect(200);
      assert.deepEqual(reads, ['find'], 'one query for the whole request');
      assert.deepEqual(r.body.items.map((i: { code: string; status: string }) => [i.code, i.status]), [
        [ivan.code, 'genuine'],
        ['ZZZZ-ZZZZ-ZZZZ', 'not-found'],
        [hanako.code.toLowerCase(), 'genuine'],
        [hanako.code, 'not-found'],
        ['garbage', 'not-found'],
        [ivan.code, 'genuine'],
      ]);
      assert.equal(r.body.items[0].result.candidate.name, 'Иван Петров');
      assert.equal(r.body.items[2].result.candidate.name, '山田 花子');
      assert.equal(r.body.items[3].result, undefined);
      reads.length = 0;
      const many = Array.from({ length: BULK_VERIFICATION_MAX_ITEMS }, (_, i) => (i % 2 ? { code: hanako.code, dateOfBirth: hanako.dateOfBirth } : { code: `ZZZZ-ZZZZ-${String(i).padStart(4, '0')}`, dateOfBirth: '2000-01-01' }));
      const full = await bulk(many).expect(200);
      assert.deepEqual(reads, ['find'], 'still one query for 2,000 items');
      assert.equal(full.body.items.length, BULK_VERIFICATION_MAX_ITEMS);
      assert.deepEqual(full.body.items.slice(0, 3).map((i: { status: string }) => i.status), ['not-found', 'genuine', 'not-found']);
      assert.equal(full.body.items[1999].status, 'genuine');
    } finally {
      projection.view.find = find;
      projection.view.findOne = findOne;
    }
  });

  it('bulk: clear 400s for no items, more than 2,000 and malformed items; only organisation users', async () => {
    const cases: [unknown, RegExp][] = [
      [[], /at least one/],
      [Array.from({ length: BULK_VERIFICATION_MAX_ITEMS + 1 }, () => ({ code: 'ZZZZ-ZZZZ-ZZZZ', dateOfBirth: '2000-01-01' })), /at most 2000/],
      [[{ code: 'ZZZZ-ZZZZ-ZZZZ' }], /items\.0\.dateOfBirth/],
      [[{ code: 'ZZZZ-ZZZZ-ZZZZ', dateOfBirth: '2000-01-01' }, 'ZZZZ-ZZZZ-ZZZZ'], /items/],
      [[{ code: 'ZZZZ-ZZZZ-ZZZZ', dateOfBirth: '2000-01-01' }, null], /items/],
      ['ZZZZ-ZZZZ-ZZZZ', /items/],
    ];
    for (const [items, message] of cases) {
      const r = await bulk(items);
      assert.equal(r.status, 400, `${JSON.stringify(items).slice(0, 80)} → ${r.status}`);
      assert.match(JSON.stringify(r.body.message), message);
      assert.equal(r.body.code, 'REQUEST.INVALID');
    }
    const candidate = await h.issuer.sign({ sub: 'c', roles: ['candidate'], idn: 'C00000001' });
    await bulk([{ code: 'ZZZZ-ZZZZ-ZZZZ', dateOfBirth: '2000-01-01' }], candidate).expect(403);
    await h.api.post('/api/v1/institution/verifications').send({ items: [{ code: 'ZZZZ-ZZZZ-ZZZZ', dateOfBirth: '2000-01-01' }] }).expect(401);
  });

  it(`bulk: at most ${BULK_VERIFICATION_LIMIT.max} requests per organisation an hour, counted per organisation`, async () => {
    const token = await h.issuer.sign({ sub: 'org-user-9', roles: ['organisation'], org: 'org-9' });
    const item = [{ code: 'ZZZZ-ZZZZ-ZZZZ', dateOfBirth: '2000-01-01' }];
    for (let i = 0; i < BULK_VERIFICATION_LIMIT.max; i++) await bulk(item, token).expect(200);
    const refused = await bulk(item, token).expect(429);
    assert.equal(refused.body.code, 'VERIFICATION.RATE_LIMITED');
    const sameOrganisation = await h.issuer.sign({ sub: 'org-user-10', roles: ['organisation'], org: 'org-9' });
    await bulk(item, sameOrganisation).expect(429);
    await bulk(item, org).expect(200);
  });
});
