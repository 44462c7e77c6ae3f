import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Topics, type KnownEnvelope } from '#libs/contracts';
import { expectEventually } from '#libs/testing';
import { deterministicUuid } from '#libs/domain';
import { EventStore } from '#libs/event-store';
import { DirectoryHarness } from './directory.harness.js';

const messageOf = (body: { message: unknown }): string => (Array.isArray(body.message) ? body.message.join(' | ') : String(body.message));

describe('directory: organisations and search (embedded adapters)', () => {
  let h: DirectoryHarness;
  let operator: string;
  let candidate: string;
  let organisations: KnownEnvelope[];

  before(async () => {
    h = await DirectoryHarness.start();
    organisations = h.probe(Topics.organisations);
    operator = await h.issuer.sign({ sub: 'admin', roles: ['exam-centre', 'operator'] });
    candidate = await h.issuer.sign({ sub: 'cand-1', roles: ['candidate'], idn: 'C12345678' });
  });

  after(async () => {
    await h.close();
  });

  const admin = () => h.api.post('/api/v1/admin/organisations').set('authorization', `Bearer ${operator}`);
  const search = (q: string, token = candidate) =>
    h.api.get('/api/v1/directory/search').query({ q }).set('authorization', `Bearer ${token}`);

  it('creates an organisation with two departments; a short part of its name lists both, told apart', async () => {
    const created = await admin()
      .send({
        name: 'Zephyrine Institute of Technology',
        kind: 'education',
        country: 'Japan',
        website: 'https://www.zephyrine.ac.jp/',
        email: 'admissions@zephyrine.ac.jp',
        aliases: ['ZIT'],
        accounts: [{ department: 'Faculty of Science' }, { department: 'School of Law' }],
      })
      .expect(201);
    const { organisationId, recipients } = created.body as { organisationId: string; recipients: { recipientId: string; department: string }[] };
    assert.match(organisationId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(recipients.map((r) => r.department), ['Faculty of Science', 'School of Law']);
    const items = await expectEventually(async () => {
      const r = await search('Zephy').expect(200);
      assert.equal(r.body.items.length, 2);
      return r.body.items as { recipientId: string; organisationName: string; department: string; country: string; kind: string }[];
    });
    assert.deepEqual(new Set(items.map((i) => i.recipientId)), new Set(recipients.map((r) => r.recipientId)));
    assert.deepEqual(items.map((i) => i.department).sort(), ['Faculty of Science', 'School of Law']);
    for (const item of items) {
      assert.deepEqual(Object.keys(item).sort(), ['country', 'department', 'japaneseName', 'kind', 'organisationId', 'organisationName', 'recipientId']);
      assert.equal((item as { organisationId?: unknown }).organisationId, organisationId, 'the id the operator edits it by');
      assert.equal((item as { japaneseName?: unknown }).japaneseName, null);
      assert.equal(item.organisationName, 'Zephyrine Institute of Technology');
      assert.equal(item.kind, 'education');
      assert.equal(item.country, 'Japan');
    }
    const law = await search('Zephyrine law').expect(200);
    assert.equal(law.body.items[0].department, 'School of Law');
    const alias = await search('ZIT', operator).expect(200);
    assert.equal(alias.body.items[0].organisationName, 'Zephyrine Institute of Technology');
    const envelope = await expectEventually(() => {
      const e = organisations.find((x) => x.type === 'OrganisationRegistered' && x.data.organisationId === organisationId);
      assert.ok(e);
      return e;
    });
    assert.equal(envelope.aggregateId, `org-${organisationId}`);
    // identity was asked first, for a user without a password (they set one through the reset link).
    assert.deepEqual(h.identity.requests.find((r) => r.email === 'admissions@zephyrine.ac.jp'), {
      organisationId,
      email: 'admissions@zephyrine.ac.jp',
      name: null,
    });
    assert.deepEqual(envelope.data, {
      organisationId,
      name: 'Zephyrine Institute of Technology',
      kind: 'education',
      country: 'Japan',
      website: 'https://www.zephyrine.ac.jp/',
      email: 'admissions@zephyrine.ac.jp',
      aliases: ['ZIT'],
      recipients,
      firstUser: null,
      approved: true,
    });
  });

  it('gives an organisation without accounts one main account', async () => {
    const created = await admin()
      .send({ name: 'Quillmarrow Freight', kind: 'employer', country: 'Canada', website: 'quillmarrow.example.com', email: 'hr@quillmarrow.example.com' })
      .expect(201);
    assert.equal(created.body.recipients.length, 1);
    assert.equal(created.body.recipients[0].department, null);
    const hit = await expectEventually(async () => {
      const r = await search('Quillm').expect(200);
      assert.equal(r.body.items.length, 1);
      return r.body.items[0];
    });
    assert.deepEqual(hit, { recipientId: created.body.recipients[0].recipientId, organisationId: created.body.organisationId, organisationName: 'Quillmarrow Freight', department: null, country: 'Canada', kind: 'employer', japaneseName: null });
  });

  it('keeps routes to their roles: candidate on admin 403, organisation on search 403, no token 401', async () => {
    const valid = { name: 'X Corp', kind: 'employer', country: 'Japan', website: 'https://x.example.com', email: 'a@x.example.com' };
    await h.api.post('/api/v1/admin/organisations').set('authorization', `Bearer ${candidate}`).send(valid).expect(403);
    const org = await h.issuer.sign({ sub: 'org-user', roles: ['organisation'], org: 'o-1' });
    await search('Camb', org).expect(403);
    await h.api.get('/api/v1/directory/search?q=Camb').expect(401);
  });

  it('refuses bad input with a 400 and a clear message', async () => {
    const valid = { name: 'Valid Org', kind: 'employer', country: 'Japan', website: 'https://valid.example.com', email: 'a@valid.example.com' };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...valid, kind: 'school' }, /kind must be one of: education, employer, immigration/],
      [{ ...valid, website: 'not a url' }, /website must be a web address/],
      [{ ...valid, email: 'nobody' }, /email must be an e-mail address/],
      [{ ...valid, name: '' }, /name should not be empty/],
      [{ ...valid, name: 'x'.repeat(301) }, /name must be shorter than or equal to 300 characters/],
      [{ ...valid, accounts: [{ department: 'Law' }, { department: 'law' }] }, /"law" appears twice/],
      [{ ...valid, accounts: [{ department: '' }] }, /each account needs a department name/],
      [{ ...valid, extra: 1 }, /property extra should not exist/],
      [{ ...valid, name: { $gt: '' } }, /name must be a string/],
    ];
    for (const [body, message] of cases) {
      const r = await admin().send(body).expect(400);
      assert.equal(r.body.statusCode, 400);
      assert.match(messageOf(r.body), message);
    }
    const q = (params: string) => h.api.get(`/api/v1/directory/search${params}`).set('authorization', `Bearer ${candidate}`);
    assert.match(messageOf((await q('').expect(400)).body), /q is required/);
    await q(`?q=${'a'.repeat(101)}`).expect(400);
    for (const limit of ['0', '51', 'abc', '2.5']) {
      assert.match(messageOf((await q(`?q=Zeph&limit=${limit}`).expect(400)).body), /limit must be a whole number from 1 to 50/);
    }
    await q('?q=a&q=b').expect(400);
    const one = await q('?q=Zephyrine&limit=1').expect(200);
    assert.equal(one.body.items.length, 1);
  });

  it('refuses an e-mail that already has an account with 409 and appends nothing', async () => {
    const store = h.app.get(EventStore);
    const registeredWith = (email: string) => store.collection.count({ type: 'OrganisationRegistered', 'data.email': email });
    h.identity.claim('admin@results.local');
    const body = { name: 'Copycat College', kind: 'education', country: 'Japan', website: 'https://copycat.example.ac.jp', email: 'Admin@Results.local' };
    const refused = await admin().send(body).expect(409);
    assert.equal(refused.body.code, 'ACCOUNT.EMAIL_TAKEN');
    assert.match(refused.body.message, /admin@results\.local already belongs to another account/);
    assert.equal(await registeredWith('admin@results.local'), 0);
    // The address of an organisation registered here: refused in identity (another organisation) or here (this one again).
    const again = await admin().send({ ...body, email: 'hr@quillmarrow.example.com' }).expect(409);
    assert.equal(again.body.code, 'ORGANISATION.EXISTS');
    assert.equal(await registeredWith('hr@quillmarrow.example.com'), 1);
  });

  it('answers 503 and appends nothing when identity cannot be reached; the same request completes later', async () => {
    const store = h.app.get(EventStore);
    const body = { name: 'Offline Polytechnic', kind: 'education', country: 'Japan', website: 'https://offline.example.ac.jp', email: 'office@offline.example.ac.jp' };
    h.identity.down = true;
    try {
      const r = await admin().send(body).expect(503);
      assert.match(r.body.message, /nothing was saved/);
    } finally {
      h.identity.down = false;
    }
    assert.equal(await store.collection.count({ type: 'OrganisationRegistered', 'data.email': body.email }), 0);
    // As if identity had created the user and the directory then crashed: the retry finds its own user and goes on.
    const organisationId = deterministicUuid(`organisation-email:${body.email}`);
    h.identity.claim(body.email, organisationId);
    const created = await admin().send(body).expect(201);
    assert.equal(created.body.organisationId, organisationId);
  });
});
