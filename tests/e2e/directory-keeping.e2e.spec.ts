import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { tokenFromMail } from '#libs/testing';
import { Api, runTag, sampleResult } from './api.js';
import { Budgets, FIRST_BOOT_SETTLE_MS, poll, type Answer } from './poll.js';
import { modes, startSystem, type SystemUnderTest } from './system.js';

interface Hit {
  recipientId: string;
  organisationName: string;
  department: string | null;
}
interface Account {
  recipientId: string;
  department: string | null;
  active: boolean;
}
interface Organisation {
  organisationId: string;
  name: string;
  aliases: string[];
  approved: boolean;
  accounts: Account[];
}

const APPROVAL = { INVITATION_APPROVAL: 'required' };
const messageOf = (body: unknown): string => {
  const message = (body as { message?: unknown }).message;
  return Array.isArray(message) ? message.join(' | ') : String(message);
};

/**
 * Issue 12, the operator keeps the directory: edits of organisations and their accounts reach
 * search within a second (product.md), an invited organisation waits for approval while
 * INVITATION_APPROVAL=required, and every route is the operator's alone. Black-box, through the gateway.
 */
for (const mode of modes()) {
  describe(`the operator keeps the directory (${mode} mode, INVITATION_APPROVAL=required)`, () => {
    let system: SystemUnderTest;
    let api: Api;
    let budgets: Budgets;
    let admin: string;
    let candidate: string;
    let organisationUser: string;
    const tag = runTag();

    const patch = (path: string, body: unknown, token?: string) => {
      const r = request(system.url).patch(path).send(body as object);
      return token ? r.set('authorization', `Bearer ${token}`) : r;
    };
    /** Polls search (as the operator, who may search too) until `accept` takes its hits. */
    const searchUntil = <T>(q: string, what: string, accept: (hits: Hit[]) => T | undefined): Promise<T> =>
      poll(() => api.get(`/api/v1/directory/search?q=${encodeURIComponent(q)}&limit=20`, admin), {
        what,
        deadline: budgets.deadline(),
        accept: (a: Answer) => accept((a.body as { items: Hit[] }).items),
      });
    const ids = (hits: Hit[]) => hits.map((h) => h.recipientId).sort();
    /** Hits of these accounts (search answers accounts matching some of the words when none matches them all: the tag alone matches others). */
    const of = (hits: Hit[], recipientIds: readonly string[]) => hits.filter((h) => recipientIds.includes(h.recipientId));
    const register = async (name: string, departments: string[] = []) => {
      const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');
      const r = await api
        .post(
          '/api/v1/admin/organisations',
          {
            name: `${name} ${tag}`,
            kind: 'education',
            country: 'Japan',
            website: `https://${slug}-${tag}.example.ac.jp`,
            email: `office-${slug}-${tag}@org.example`,
            accounts: departments.map((department) => ({ department })),
          },
          admin,
        )
        .expect(201);
      return { email: `office-${slug}-${tag}@org.example`, ...(r.body as { organisationId: string; recipients: { recipientId: string; department: string | null }[] }) };
    };

    before(async () => {
      // Embedded mode reads each service's settings from this process's environment at start;
      // distributed mode hands them to every service process.
      const saved = process.env.INVITATION_APPROVAL;
      if (mode === 'embedded') process.env.INVITATION_APPROVAL = APPROVAL.INVITATION_APPROVAL;
      try {
        system = await startSystem(mode, 'none', undefined, mode === 'distributed' ? APPROVAL : undefined);
      } finally {
        if (saved === undefined) delete process.env.INVITATION_APPROVAL;
        else process.env.INVITATION_APPROVAL = saved;
      }
      budgets = new Budgets(FIRST_BOOT_SETTLE_MS, system.healthyAt);
      api = new Api(system.url);
      admin = await api.login({ email: system.adminEmail, password: system.adminPassword });
      const entry = await api.post('/api/v1/admin/entries', { name: 'Kei Ono', dateOfBirth: '2000-01-01', exam: 'C1 Advanced', centre: 'JP001' }, admin).expect(201);
      await api.post('/api/v1/admin/results', sampleResult(entry.body.idNumber), admin).expect(201);
      const password = 'kei has a long password';
      await api.register({ idNumber: entry.body.idNumber, secretNumber: entry.body.secretNumber, email: `kei-${tag}@mail.example`, password }, budgets.deadline());
      candidate = await api.login({ idNumber: entry.body.idNumber, password });
      const org = await register('Gatekeeper College');
      const token = await api.resetToken(system.mailDir, org.email, budgets.deadline());
      await api.post('/api/v1/auth/password-reset/confirm', { token, newPassword: 'organisation password' }).expect(204);
      organisationUser = await api.login({ email: org.email, password: 'organisation password' });
    });

    after(async () => {
      await system?.stop();
    });

    it('a renamed organisation is found by its new name and its aliases within a second, no longer by the old one', async () => {
      const { organisationId, recipients } = await register('Brackenfold College', ['Faculty of Letters']);
      await searchUntil(`Brackenfold ${tag}`, 'the new organisation in search', (hits) => (hits[0]?.recipientId === recipients[0].recipientId ? true : undefined));
      const edited = await patch(`/api/v1/admin/organisations/${organisationId}`, { name: `Larkspire University ${tag}`, aliases: [`Larkspire Daigaku ${tag}`] }, admin).expect(200);
      assert.equal((edited.body as Organisation).name, `Larkspire University ${tag}`);
      assert.deepEqual((edited.body as Organisation).aliases, [`Larkspire Daigaku ${tag}`]);
      const found = await searchUntil(`Larkspire ${tag}`, 'the organisation by its new name', (hits) => (hits[0]?.organisationName.startsWith('Larkspire') ? hits.slice(0, 1) : undefined));
      assert.deepEqual(found.map((h) => [h.recipientId, h.organisationName, h.department]), [[recipients[0].recipientId, `Larkspire University ${tag}`, 'Faculty of Letters']]);
      await searchUntil(`Daigaku ${tag}`, 'the organisation by its alias', (hits) => (hits[0]?.recipientId === recipients[0].recipientId ? true : undefined));
      await searchUntil(`Brackenfold ${tag}`, 'the old name gone from search', (hits) => (hits.some((h) => h.organisationName.startsWith('Brackenfold')) ? undefined : true));
      const read = await api.get(`/api/v1/admin/organisations/${organisationId}`, admin).expect(200);
      assert.equal((read.body as Organisation).name, `Larkspire University ${tag}`);
    });

    it('an added account is searchable; a deactivated one leaves search, and an organisation without an active account disappears', async () => {
      const { organisationId, recipients } = await register('Quenwick Institute');
      const main = recipients[0].recipientId;
      const added = await api.post(`/api/v1/admin/organisations/${organisationId}/accounts`, { department: 'Graduate School of Design' }, admin).expect(201);
      const design = (added.body as { recipientId: string }).recipientId;
      assert.deepEqual(added.body, { recipientId: design, department: 'Graduate School of Design' });
      await searchUntil(`Quenwick ${tag} design`, 'the added account in search', (hits) => (hits[0]?.recipientId === design ? true : undefined));
      const dup = await api.post(`/api/v1/admin/organisations/${organisationId}/accounts`, { department: 'graduate school of design' }, admin).expect(409);
      assert.equal(dup.body.code, 'ORGANISATION.DEPARTMENT_TAKEN');
      const off = await patch(`/api/v1/admin/organisations/${organisationId}/accounts/${design}`, { active: false }, admin).expect(200);
      assert.deepEqual(off.body, { recipientId: design, department: 'Graduate School of Design', active: false });
      await searchUntil(`Quenwick ${tag}`, 'only the main account left in search', (hits) => (ids(of(hits, [main, design])).join() === main ? true : undefined));
      await patch(`/api/v1/admin/organisations/${organisationId}/accounts/${main}`, { active: false }, admin).expect(200);
      await searchUntil(`Quenwick ${tag}`, 'the organisation gone from search', (hits) => (of(hits, [main, design]).length === 0 ? true : undefined));
      const renamed = await patch(`/api/v1/admin/organisations/${organisationId}/accounts/${design}`, { department: 'School of Architecture', active: true }, admin).expect(200);
      assert.deepEqual(renamed.body, { recipientId: design, department: 'School of Architecture', active: true });
      await searchUntil(`Quenwick ${tag} architecture`, 'the reactivated, renamed account in search', (hits) =>
        of(hits, [main, design]).length === 1 && hits[0]?.recipientId === design && hits[0]?.department === 'School of Architecture' ? true : undefined,
      );
      const read = (await api.get(`/api/v1/admin/organisations/${organisationId}`, admin).expect(200)).body as Organisation;
      assert.deepEqual(read.accounts, [
        { recipientId: main, department: null, active: false },
        { recipientId: design, department: 'School of Architecture', active: true },
      ]);
    });

    it('an accepted invitation waits for approval: out of search, listed as pending; approved, it appears in search', async () => {
      const email = `office-${tag}@fernhollow.example.edu`;
      await api
        .post('/api/v1/directory/invitations', { organisationName: `Fernhollow Institute ${tag}`, email, website: `https://fernhollow-${tag}.example.edu` }, candidate)
        .expect(202);
      const token = await tokenFromMail(system.mailDir, email, '/invitations/accept', Math.max(budgets.deadline() - Date.now(), 5_000));
      const accepted = await api.post(`/api/v1/directory/invitations/${token}/accept`, { contactName: 'Aki Mori', password: 'fernhollow admissions pw' }).expect(201);
      const { organisationId, recipientId } = accepted.body as { organisationId: string; recipientId: string };
      const pending = await poll(() => api.get('/api/v1/admin/organisations?approval=pending', admin), {
        what: 'the accepted organisation among those waiting for approval',
        deadline: budgets.deadline(),
        accept: (a) => (a.body as { items: Organisation[] }).items.find((o) => o.organisationId === organisationId),
      });
      assert.equal(pending.approved, false);
      assert.deepEqual(pending.accounts, [{ recipientId, department: null, active: true }]);
      // Listed, so the directory has applied its registration: search must not show it.
      const hidden = await api.get(`/api/v1/directory/search?q=${encodeURIComponent(`Fernhollow ${tag}`)}`, candidate).expect(200);
      assert.deepEqual(of(hidden.body.items as Hit[], [recipientId]), []);
      assert.deepEqual((await api.get('/api/v1/directory/search?q=Fernhollow', candidate).expect(200)).body.items, []);
      const approved = await api.post(`/api/v1/admin/organisations/${organisationId}/approval`, {}, admin).expect(200);
      assert.equal((approved.body as Organisation).approved, true);
      await poll(() => api.get(`/api/v1/directory/search?q=${encodeURIComponent(`Fernhollow ${tag}`)}`, candidate), {
        what: 'the approved organisation in search',
        deadline: budgets.deadline(),
        accept: (a) => ((a.body as { items: Hit[] }).items.some((h) => h.recipientId === recipientId) ? true : undefined),
      });
      const again = await api.post(`/api/v1/admin/organisations/${organisationId}/approval`, {}, admin).expect(200);
      assert.deepEqual(again.body, approved.body);
      await poll(() => api.get('/api/v1/admin/organisations?approval=pending', admin), {
        what: 'the approved organisation no longer pending',
        deadline: budgets.deadline(),
        accept: (a) => ((a.body as { items: Organisation[] }).items.some((o) => o.organisationId === organisationId) ? undefined : true),
      });
      const all = (await api.get('/api/v1/admin/organisations', admin).expect(200)).body as { items: Organisation[] };
      assert.ok(all.items.some((o) => o.organisationId === organisationId && o.approved));
    });

    it('every admin route is the operator’s: 403 for a candidate and an organisation user, 401 without a token; nothing changes', async () => {
      const { organisationId, recipients } = await register('Orrisdale College');
      const org = `/api/v1/admin/organisations/${organisationId}`;
      const account = `${org}/accounts/${recipients[0].recipientId}`;
      for (const [who, token] of [['candidate', candidate], ['organisation user', organisationUser], ['nobody', undefined]] as const) {
        const expected = token ? 403 : 401;
        const answers = [
          ['GET list', await api.get('/api/v1/admin/organisations?approval=pending', token)],
          ['GET one', await api.get(org, token)],
          ['PATCH organisation', await patch(org, { name: 'Taken Over' }, token)],
          ['POST account', await api.post(`${org}/accounts`, { department: 'Sneaky' }, token)],
          ['PATCH account', await patch(account, { active: false }, token)],
          ['POST approval', await api.post(`${org}/approval`, {}, token)],
        ] as const;
        for (const [what, answer] of answers) {
          assert.equal(answer.status, expected, `${who}: ${what}`);
          assert.equal((answer.body as { items?: unknown }).items, undefined);
        }
      }
      const read = (await api.get(org, admin).expect(200)).body as Organisation;
      assert.equal(read.name, `Orrisdale College ${tag}`);
      assert.deepEqual(read.accounts, [{ recipientId: recipients[0].recipientId, department: null, active: true }]);
    });

    it('answers 404 for an unknown organisation and for an account of another organisation', async () => {
      const a = await register('Thistlewood Academy');
      const b = await register('Marrowgate College');
      const unknown = `/api/v1/admin/organisations/${randomUUID()}`;
      assert.equal((await api.get(unknown, admin).expect(404)).body.code, 'ORGANISATION.NOT_FOUND');
      await patch(unknown, { name: 'X' }, admin).expect(404);
      await api.post(`${unknown}/accounts`, { department: 'X' }, admin).expect(404);
      await api.post(`${unknown}/approval`, {}, admin).expect(404);
      await api.get('/api/v1/admin/organisations/not-an-id', admin).expect(404);
      const other = await patch(`/api/v1/admin/organisations/${a.organisationId}/accounts/${b.recipients[0].recipientId}`, { active: false }, admin).expect(404);
      assert.equal(other.body.code, 'ORGANISATION.ACCOUNT_NOT_FOUND');
      await searchUntil(`Marrowgate ${tag}`, "the other organisation's account still in search", (hits) => (hits[0]?.recipientId === b.recipients[0].recipientId ? true : undefined));
    });

    it('refuses bad bodies with 400 and a clear message', async () => {
      const { organisationId, recipients } = await register('Pellucid School');
      const org = `/api/v1/admin/organisations/${organisationId}`;
      const account = `${org}/accounts/${recipients[0].recipientId}`;
      for (const [path, body, message] of [
        [org, {}, /Give at least one of name, kind, country, website, aliases to change/],
        [org, { name: '' }, /name should not be empty/],
        [org, { kind: 'school' }, /kind must be one of: education, employer, immigration/],
        [org, { website: 'not a website' }, /website must be a web address/],
        [org, { aliases: [''] }, /aliases must not be empty/],
        [account, {}, /Give at least one of department, active to change/],
        [account, { active: 'no' }, /active must be true or false/],
      ] as const) {
        const r = await patch(path, body, admin).expect(400);
        assert.match(messageOf(r.body), message, `${path} ${JSON.stringify(body)}`);
      }
      const noName = await api.post(`${org}/accounts`, {}, admin).expect(400);
      assert.match(messageOf(noName.body), /department is required/);
      const withFields = await api.post(`${org}/approval`, { approved: false }, admin).expect(400);
      assert.match(messageOf(withFields.body), /The approval takes no fields/);
      const list = await api.get('/api/v1/admin/organisations?approval=all', admin).expect(400);
      assert.match(messageOf(list.body), /approval must be "pending"/);
    });
  });
}
