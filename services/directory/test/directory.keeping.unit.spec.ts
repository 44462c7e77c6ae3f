import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Topics, type KnownEnvelope, type Organisation } from '#libs/contracts';
import { expectEventually, readMails, requireToken } from '#libs/testing';
import { DirectoryHarness } from './directory.harness.js';

const messageOf = (body: { message: unknown }): string => (Array.isArray(body.message) ? body.message.join(' | ') : String(body.message));
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('directory: the operator keeps the directory (embedded adapters)', () => {
  let h: DirectoryHarness;
  let operator: string;
  let candidate: string;
  let organisationUser: string;
  let examCentre: string;
  let organisations: KnownEnvelope[];

  before(async () => {
    h = await DirectoryHarness.start();
    organisations = h.probe(Topics.organisations);
    operator = await h.issuer.sign({ sub: 'admin', roles: ['exam-centre', 'operator'] });
    examCentre = await h.issuer.sign({ sub: 'centre', roles: ['exam-centre'] });
    candidate = await h.issuer.sign({ sub: 'cand-1', roles: ['candidate'], idn: 'C12345678' });
    organisationUser = await h.issuer.sign({ sub: 'org-user', roles: ['organisation'], org: UNKNOWN });
  });

  after(async () => {
    await h.close();
  });

  const as = (token: string) => ({
    get: (path: string) => h.api.get(path).set('authorization', `Bearer ${token}`),
    post: (path: string, body: object) => h.api.post(path).set('authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) => h.api.patch(path).set('authorization', `Bearer ${token}`).send(body),
  });
  const admin = () => as(operator);
  const search = async (q: string) =>
    (await as(candidate).get('/api/v1/directory/search').query({ q, limit: 10 }).expect(200)).body.items as { recipientId: string; organisationName: string; department: string | null }[];
  const register = async (name: string, email: string, departments: string[]) =>
    (
      await admin()
        .post('/api/v1/admin/organisations', { name, kind: 'education', country: 'Japan', website: `https://${email.split('@')[1]}/`, email, accounts: departments.map((department) => ({ department })) })
        .expect(201)
    ).body as { organisationId: string; recipients: { recipientId: string; department: string }[] };

  it('edits an organisation: search finds it by its new name and aliases (not the old name), and OrganisationUpdated is published', async () => {
    const { organisationId, recipients } = await register('Brackenfold College', 'office@brackenfold.ac.jp', ['Faculty of Letters']);
    await expectEventually(async () => assert.equal((await search('Brackenfold')).length, 1));
    const edited = await admin()
      .patch(`/api/v1/admin/organisations/${organisationId}`, { name: '  Larkspire University ', aliases: ['Larkspire Daigaku', 'ラークスパイア大学'], kind: 'employer', website: 'larkspire.example.ac.jp' })
      .expect(200);
    const expected: Organisation = {
      organisationId,
      name: 'Larkspire University',
      kind: 'employer',
      country: 'Japan',
      website: 'https://larkspire.example.ac.jp',
      aliases: ['Larkspire Daigaku', 'ラークスパイア大学'],
      approved: true,
      accounts: [{ recipientId: recipients[0].recipientId, department: 'Faculty of Letters', active: true }],
    };
    assert.deepEqual(edited.body, expected);
    assert.deepEqual((await admin().get(`/api/v1/admin/organisations/${organisationId}`).expect(200)).body, expected);
    // Applied inline: searchable in the next request.
    assert.deepEqual((await search('Larkspire')).map((i) => i.recipientId), [recipients[0].recipientId]);
    assert.equal((await search('Daigaku Larkspire'))[0]?.organisationName, 'Larkspire University');
    assert.equal((await search('ラークスパイア'))[0]?.organisationName, 'Larkspire University');
    assert.deepEqual(await search('Brackenfold'), []);
    const updated = await expectEventually(() => {
      const e = organisations.find((x) => x.type === 'OrganisationUpdated' && x.data.organisationId === organisationId);
      assert.ok(e);
      return e;
    });
    assert.deepEqual(updated.data, { organisationId, name: 'Larkspire University', kind: 'employer', country: 'Japan', website: 'https://larkspire.example.ac.jp', aliases: ['Larkspire Daigaku', 'ラークスパイア大学'], approved: true });
    // The same edit again changes nothing and publishes nothing more.
    await admin().patch(`/api/v1/admin/organisations/${organisationId}`, { name: 'Larkspire University' }).expect(200);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(organisations.filter((x) => x.type === 'OrganisationUpdated' && x.data.organisationId === organisationId).length, 1);
  });

  it('adds, renames, deactivates and reactivates accounts: search follows; an organisation without an active account leaves it', async () => {
    const { organisationId, recipients } = await register('Quenwick Institute', 'office@quenwick.ac.jp', []);
    const main = recipients[0].recipientId;
    const added = await admin().post(`/api/v1/admin/organisations/${organisationId}/accounts`, { department: ' Graduate School of Design ' }).expect(201);
    const design = added.body.recipientId as string;
    assert.deepEqual(added.body, { recipientId: design, department: 'Graduate School of Design' });
    assert.equal((await search('Quenwick design'))[0]?.recipientId, design);
    const dup = await admin().post(`/api/v1/admin/organisations/${organisationId}/accounts`, { department: 'graduate school of DESIGN' }).expect(409);
    assert.equal(dup.body.code, 'ORGANISATION.DEPARTMENT_TAKEN');
    assert.match(messageOf(dup.body), /already has an account named "Graduate School of Design"/);

    const renamed = await admin().patch(`/api/v1/admin/organisations/${organisationId}/accounts/${design}`, { department: 'School of Architecture' }).expect(200);
    assert.deepEqual(renamed.body, { recipientId: design, department: 'School of Architecture', active: true });
    assert.equal((await search('Quenwick architecture'))[0]?.department, 'School of Architecture');

    const off = await admin().patch(`/api/v1/admin/organisations/${organisationId}/accounts/${design}`, { active: false }).expect(200);
    assert.deepEqual(off.body, { recipientId: design, department: 'School of Architecture', active: false });
    assert.deepEqual((await search('Quenwick')).map((i) => i.recipientId), [main]);
    await admin().patch(`/api/v1/admin/organisations/${organisationId}/accounts/${main}`, { active: false }).expect(200);
    assert.deepEqual(await search('Quenwick'), []);
    const events = await expectEventually(() => {
      const list = organisations.filter((x) => x.type === 'RecipientAccountUpdated' && x.data.organisationId === organisationId).map((x) => x.data);
      assert.equal(list.length, 4);
      return list;
    });
    assert.deepEqual(events, [
      { organisationId, recipientId: design, department: 'Graduate School of Design', active: true },
      { organisationId, recipientId: design, department: 'School of Architecture', active: true },
      { organisationId, recipientId: design, department: 'School of Architecture', active: false },
      { organisationId, recipientId: main, department: null, active: false },
    ]);
    // An inactive account keeps its name: adding it again is refused, reactivating it is the way.
    const again = await admin().post(`/api/v1/admin/organisations/${organisationId}/accounts`, { department: 'School of Architecture' }).expect(409);
    assert.match(messageOf(again.body), /deactivated account named "School of Architecture": reactivate it/);
    await admin().patch(`/api/v1/admin/organisations/${organisationId}/accounts/${design}`, { active: true }).expect(200);
    assert.deepEqual((await search('Quenwick')).map((i) => i.recipientId), [design]);

    // The index rebuilt from the events at the next boot holds the same.
    await h.restart();
    assert.deepEqual((await search('Quenwick')).map((i) => i.recipientId), [design]);
    assert.equal((await search('Larkspire'))[0]?.organisationName, 'Larkspire University');
    assert.deepEqual(await search('Brackenfold'), []);
  });

  it('answers 404 for an unknown organisation or an account of another organisation', async () => {
    const a = await register('Thistlewood Academy', 'office@thistlewood.ac.jp', []);
    const b = await register('Marrowgate College', 'office@marrowgate.ac.jp', []);
    for (const path of [`/api/v1/admin/organisations/${UNKNOWN}`, '/api/v1/admin/organisations/not-an-id']) {
      const r = await admin().get(path).expect(404);
      assert.equal(r.body.code, 'ORGANISATION.NOT_FOUND');
      await admin().patch(path, { name: 'X' }).expect(404);
      await admin().post(`${path}/accounts`, { department: 'X' }).expect(404);
      await admin().post(`${path}/approval`, {}).expect(404);
      await admin().patch(`${path}/accounts/${a.recipients[0].recipientId}`, { active: false }).expect(404);
    }
    const other = await admin().patch(`/api/v1/admin/organisations/${a.organisationId}/accounts/${b.recipients[0].recipientId}`, { active: false }).expect(404);
    assert.equal(other.body.code, 'ORGANISATION.ACCOUNT_NOT_FOUND');
    assert.match(messageOf(other.body), /^Thistlewood Academy has no recipient account/);
    await admin().patch(`/api/v1/admin/organisations/${a.organisationId}/accounts/nope`, { active: false }).expect(404);
    // Nothing changed on the other organisation.
    assert.equal((await admin().get(`/api/v1/admin/organisations/${b.organisationId}`).expect(200)).body.accounts[0].active, true);
  });

  it('refuses bad bodies with 400 and a message a person understands', async () => {
    const { organisationId, recipients } = await register('Pellucid School', 'office@pellucid.ac.jp', []);
    const org = `/api/v1/admin/organisations/${organisationId}`;
    const cases: [string, object, RegExp][] = [
      [org, {}, /Give at least one of name, kind, country, website, aliases to change/],
      [org, { name: '' }, /name should not be empty/],
      [org, { name: null }, /name must be a string/],
      [org, { kind: 'school' }, /kind must be one of: education, employer, immigration/],
      [org, { website: 'not a website' }, /website must be a web address/],
      [org, { aliases: ['ok', '  '] }, /aliases must not be blank/],
      [org, { aliases: 'one' }, /aliases must be an array/],
      [org, { email: 'x@y.example' }, /property email should not exist/],
      [`${org}/accounts/${recipients[0].recipientId}`, {}, /Give at least one of department, active to change/],
      [`${org}/accounts/${recipients[0].recipientId}`, { active: 'no' }, /active must be true or false/],
      [`${org}/accounts/${recipients[0].recipientId}`, { department: ' ' }, /department must not be empty/],
    ];
    for (const [path, body, message] of cases) {
      const r = await admin().patch(path, body).expect(400);
      assert.match(messageOf(r.body), message, JSON.stringify(body));
    }
    for (const [body, message] of [
      [{}, /department is required/],
      [{ department: '' }, /department must not be empty/],
      [{ department: 'x'.repeat(301) }, /department must be shorter than or equal to 300 characters/],
    ] as [object, RegExp][]) {
      const r = await admin().post(`${org}/accounts`, body).expect(400);
      assert.match(messageOf(r.body), message, JSON.stringify(body));
    }
    await admin().post(`${org}/approval`, { approved: true }).expect(400);
    const list = await admin().get('/api/v1/admin/organisations?approval=all').expect(400);
    assert.match(messageOf(list.body), /approval must be "pending"/);
  });

  it('keeps every admin route to the operator: 403 for candidates, organisation users and the exam centre, 401 without a token', async () => {
    const { organisationId, recipients } = await register('Orrisdale College', 'office@orrisdale.ac.jp', []);
    const org = `/api/v1/admin/organisations/${organisationId}`;
    for (const token of [candidate, organisationUser, examCentre]) {
      await as(token).get('/api/v1/admin/organisations').expect(403);
      await as(token).get(org).expect(403);
      await as(token).patch(org, { name: 'Taken Over' }).expect(403);
      await as(token).post(`${org}/accounts`, { department: 'Sneaky' }).expect(403);
      await as(token).patch(`${org}/accounts/${recipients[0].recipientId}`, { active: false }).expect(403);
      await as(token).post(`${org}/approval`, {}).expect(403);
    }
    await h.api.get(org).expect(401);
    const now = (await admin().get(org).expect(200)).body as Organisation;
    assert.equal(now.name, 'Orrisdale College');
    assert.deepEqual(now.accounts, [{ recipientId: recipients[0].recipientId, department: null, active: true }]);
  });

  it('lists organisations newest first; approval of an organisation registered by the operator changes nothing', async () => {
    const { organisationId } = await register('Wendlebury Polytechnic', 'office@wendlebury.ac.jp', []);
    const all = await expectEventually(async () => {
      const r = await admin().get('/api/v1/admin/organisations').expect(200);
      assert.equal(r.body.items[0]?.organisationId, organisationId);
      return r.body.items as Organisation[];
    });
    assert.ok(all.length >= 6);
    assert.ok(all.some((o) => o.name === 'Larkspire University'));
    assert.deepEqual((await admin().get('/api/v1/admin/organisations?approval=pending').expect(200)).body, { items: [] });
    const approved = await admin().post(`/api/v1/admin/organisations/${organisationId}/approval`, {}).expect(200);
    assert.equal(approved.body.approved, true);
    await admin().post(`/api/v1/admin/organisations/${organisationId}/approval`, undefined as never).expect(200);
  });
});

describe('directory: INVITATION_APPROVAL=required (embedded adapters)', () => {
  let h: DirectoryHarness;
  let organisations: KnownEnvelope[];

  before(async () => {
    h = await DirectoryHarness.start({ invitationApproval: 'required' });
    organisations = h.probe(Topics.organisations);
  });

  after(async () => {
    await h.close();
  });

  it('an accepted invitation waits for the operator: out of search until approved, listed as pending, then in search', async () => {
    const candidate = await h.issuer.sign({ sub: 'cand-9', roles: ['candidate'], idn: 'C99999999' });
    const operator = await h.issuer.sign({ sub: 'admin', roles: ['operator'] });
    await h.api
      .post('/api/v1/directory/invitations')
      .set('authorization', `Bearer ${candidate}`)
      .send({ organisationName: 'Fernhollow Institute', email: 'office@fernhollow.ac.jp', website: 'https://fernhollow.ac.jp' })
      .expect(202);
    const mail = await expectEventually(async () => {
      const mails = await readMails(h.mailDir, { to: 'office@fernhollow.ac.jp' });
      assert.equal(mails.length, 1);
      return mails[0];
    });
    const token = requireToken(mail.text, '/invitations/accept');
    const accepted = await h.api.post(`/api/v1/directory/invitations/${token}/accept`).send({ contactName: 'Aki Mori', password: 'a long enough password', country: 'Japan' }).expect(201);
    const { organisationId, recipientId } = accepted.body as { organisationId: string; recipientId: string };
    const search = async () =>
      (await h.api.get('/api/v1/directory/search').query({ q: 'Fernhollow' }).set('authorization', `Bearer ${candidate}`).expect(200)).body.items as { recipientId: string }[];
    const registered = await expectEventually(() => {
      const e = organisations.find((x) => x.type === 'OrganisationRegistered' && x.data.organisationId === organisationId);
      assert.ok(e);
      return e;
    });
    assert.equal(registered.type === 'OrganisationRegistered' && registered.data.approved, false);
    assert.deepEqual(await search(), []);
    const pending = await expectEventually(async () => {
      const r = await h.api.get('/api/v1/admin/organisations?approval=pending').set('authorization', `Bearer ${operator}`).expect(200);
      assert.equal(r.body.items.length, 1);
      return r.body.items[0] as Organisation;
    });
    assert.deepEqual(pending, {
      organisationId,
      name: 'Fernhollow Institute',
      kind: 'education',
      country: 'Japan',
      website: 'https://fernhollow.ac.jp',
      aliases: [],
      approved: false,
      accounts: [{ recipientId, department: null, active: true }],
    });
    // An edit while it waits keeps it waiting (and out of search).
    const edited = await h.api.patch(`/api/v1/admin/organisations/${organisationId}`).set('authorization', `Bearer ${operator}`).send({ aliases: ['FHI'] }).expect(200);
    assert.equal(edited.body.approved, false);
    assert.deepEqual(await search(), []);

    // JSON null is a body, and not the empty object the approval takes
    await h.api.post(`/api/v1/admin/organisations/${organisationId}/approval`).set('authorization', `Bearer ${operator}`).set('content-type', 'application/json').send('null').expect(400);
    const approved = await h.api.post(`/api/v1/admin/organisations/${organisationId}/approval`).set('authorization', `Bearer ${operator}`).send({}).expect(200);
    assert.deepEqual(approved.body, { ...pending, aliases: ['FHI'], approved: true });
    assert.deepEqual((await search()).map((i) => i.recipientId), [recipientId]);
    const again = await h.api.post(`/api/v1/admin/organisations/${organisationId}/approval`).set('authorization', `Bearer ${operator}`).send({}).expect(200);
    assert.deepEqual(again.body, approved.body);
    const updates = await expectEventually(() => {
      const list = organisations.filter((x) => x.type === 'OrganisationUpdated' && x.data.organisationId === organisationId).map((x) => x.data);
      assert.equal(list.length, 2);
      return list;
    });
    assert.deepEqual(
      updates.map((u) => ('approved' in u ? u.approved : null)),
      [false, true],
    );
    await expectEventually(async () => {
      const r = await h.api.get('/api/v1/admin/organisations?approval=pending').set('authorization', `Bearer ${operator}`).expect(200);
      assert.deepEqual(r.body.items, []);
    });
    await h.restart();
    assert.deepEqual((await search()).map((i) => i.recipientId), [recipientId]);
  });
});
