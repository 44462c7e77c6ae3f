import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ResultSharedV1 } from '#libs/contracts';
import { envelopeOf, expectEventually } from '#libs/testing';
import { PopularityProjection } from '../src/projections/popularity.projection.js';
import { DirectoryHarness } from './directory.harness.js';

interface Item {
  recipientId: string;
  organisationName: string;
  department: string | null;
  japaneseName: string | null;
}

const shared = (recipient: { recipientId: string; organisationId: string; organisationName: string }, shareId = randomUUID()): ResultSharedV1 => ({
  shareId,
  resultId: randomUUID(),
  candidateId: randomUUID(),
  recipient: { ...recipient, department: null, kind: 'education' },
  candidate: { name: 'Hanako Yamada', dateOfBirth: '2001-04-02', idNumber: 'C12345678' },
  result: {
    qualification: 'Certificate in Advanced English',
    cefrLevel: 'Council of Europe Level B2',
    overallScore: 168,
    grade: 'C',
    components: [{ skill: 'Reading', score: 170 }],
    examDate: '2026-06-14',
    verificationCode: 'V-1',
  },
  consent: { textVersion: 'v1', givenAt: new Date().toISOString() },
  sharedAt: new Date().toISOString(),
});

describe('directory search: other scripts through the API, and popularity from share events (embedded adapters)', () => {
  let h: DirectoryHarness;
  let operator: string;
  let candidate: string;
  const orgs: Record<string, { organisationId: string; recipientId: string; organisationName: string }> = {};

  before(async () => {
    h = await DirectoryHarness.start();
    operator = await h.issuer.sign({ sub: 'admin', roles: ['exam-centre', 'operator'] });
    candidate = await h.issuer.sign({ sub: 'cand-1', roles: ['candidate'], idn: 'C12345678' });
    for (const [name, aliases] of [
      ['Kestrel Valley College', ['ケストレル谷大学']],
      ['Kestrel Valley Institute of Arts', []],
    ] as const) {
      const r = await h.api
        .post('/api/v1/admin/organisations')
        .set('authorization', `Bearer ${operator}`)
        .send({ name, kind: 'education', country: 'Japan', website: `https://www.${name.split(' ').at(-1)!.toLowerCase()}.example.ac.jp/`, email: `office@${randomUUID()}.example.jp`, aliases })
        .expect(201);
      const body = r.body as { organisationId: string; recipients: { recipientId: string }[] };
      orgs[name] = { organisationId: body.organisationId, recipientId: body.recipients[0].recipientId, organisationName: name };
    }
  });

  after(async () => {
    await h.close();
  });

  const search = async (q: string): Promise<Item[]> => {
    const r = await h.api.get('/api/v1/directory/search').query({ q, limit: 5 }).set('authorization', `Bearer ${candidate}`).expect(200);
    return r.body.items as Item[];
  };

  it("finds an operator's Japanese alias in part, in katakana typed half-width, and returns it as japaneseName", async () => {
    for (const q of ['ケストレル谷大学', 'ケストレル', 'ｹｽﾄﾚﾙ', 'けすとれる', '谷大']) {
      const items = await expectEventually(async () => {
        const found = await search(q);
        assert.equal(found[0]?.organisationName, 'Kestrel Valley College', `${q}: ${JSON.stringify(found)}`);
        return found;
      });
      assert.equal(items[0]?.japaneseName, 'ケストレル谷大学');
    }
  });

  it('an organisation candidates send to often rises above an equal match; redelivered or repeated shares count once; kept across a restart', async () => {
    const college = orgs['Kestrel Valley College'];
    const institute = orgs['Kestrel Valley Institute of Arts'];
    // Equal matches for "Kestrel": the shorter name first.
    assert.deepEqual((await search('Kestrel')).map((i) => i.organisationName), ['Kestrel Valley College', 'Kestrel Valley Institute of Arts']);

    const popularity = h.app.get(PopularityProjection);
    const first = envelopeOf('ResultShared', shared(institute), { aggregateId: randomUUID(), producer: 'sharing' });
    await h.feed(first);
    await h.feed(first); // redelivered by Kafka: the same event id
    const sameShare = envelopeOf('ResultShared', first.data, { aggregateId: first.aggregateId, producer: 'sharing' });
    await h.feed(sameShare); // the same share under another event id
    assert.equal(await popularity.sharesOf(institute.organisationId), 1);
    for (let i = 0; i < 4; i++) await h.feed(envelopeOf('ResultShared', shared(institute), { aggregateId: randomUUID(), producer: 'sharing' }));
    assert.equal(await popularity.sharesOf(institute.organisationId), 5);
    assert.equal(await popularity.sharesOf(college.organisationId), 0);

    assert.deepEqual((await search('Kestrel')).map((i) => i.organisationName), ['Kestrel Valley Institute of Arts', 'Kestrel Valley College']);
    // An exact name still beats a popular partial match.
    assert.equal((await search('Kestrel Valley College'))[0]?.organisationName, 'Kestrel Valley College');

    await h.shutdown();
    await h.boot(); // the in-memory index is rebuilt from events; the counts come back from their projection
    assert.deepEqual((await search('Kestrel')).map((i) => i.organisationName), ['Kestrel Valley Institute of Arts', 'Kestrel Valley College']);
  });
});
