import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectEventually } from '#libs/testing';
import { publishResult, registerOrganisation, SharingHarness, type Organisation } from './sharing.harness.js';

interface Item {
  shareId: string;
  status: 'unread' | 'read';
  sharedAt: string;
  candidate: { name: string };
  recipient: { recipientId: string };
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

/**
 * The inbox a page at a time (embedded adapters: the file store). Every test walks with small
 * pages so that the cursor is crossed many times.
 */
describe('sharing: the inbox and Shared with, page by page', () => {
  let h: SharingHarness;
  let org: Organisation;
  let other: Organisation;
  let orgUser: string;
  let otherUser: string;
  const candidates: { token: string; resultId: string; idNumber: string; name: string }[] = [];
  const sent: string[] = [];

  const send = async (c: { token: string; resultId: string }, recipientId: string): Promise<string> => {
    const r = await h.send(c.token, { resultId: c.resultId, recipientId, consent: true }).expect(201);
    sent.push(r.body.shareId);
    return r.body.shareId as string;
  };
  const page = async (query: string, token = orgUser): Promise<Page> => (await h.get(`/api/v1/institution/shares?${query}`, token).expect(200)).body as Page;
  /** Every page of a listing; `between` runs after each page (the world changing mid-walk). */
  const walk = async (query: string, between: (n: number, items: Item[]) => Promise<void> = async () => undefined): Promise<Item[]> => {
    const all: Item[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 200; n++) {
      const p: Page = await page(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...p.items);
      if (p.nextCursor === null) return all;
      await between(n, all);
      cursor = p.nextCursor;
    }
    throw new Error('no last page');
  };

  before(async () => {
    h = await SharingHarness.start();
    org = await registerOrganisation(h, 'Kanto University', 'education', ['Law', 'Science', 'Letters']);
    other = await registerOrganisation(h, 'Other University', 'education', ['Admissions']);
    const names = ['Hanako Yamada', 'Chloé Durand', '山田 太郎', 'Zoë Ångström', '=HYPERLINK("http://x")'];
    for (let i = 0; i < 12; i++) {
      const idNumber = `C3${String(i).padStart(7, '0')}`;
      const name = names[i] ?? `Candidate ${i}`;
      const { resultId } = await publishResult(h, idNumber, { name, components: [{ skill: 'Reading', score: 150 + i }, { skill: 'Use of English', score: 160 }, { skill: 'Mediation', score: 140 }] });
      candidates.push({ token: await h.issuer.sign({ sub: `cand-${i}`, roles: ['candidate'], idn: idNumber }), resultId, idNumber, name });
    }
    orgUser = await h.issuer.sign({ sub: 'user-kanto', roles: ['organisation'], org: org.organisationId });
    otherUser = await h.issuer.sign({ sub: 'user-other', roles: ['organisation'], org: other.organisationId });
    // 36 shares: every candidate to every account.
    for (const c of candidates) for (const r of org.recipients) await send(c, r.recipientId);
    await send(candidates[0], other.recipients[0].recipientId);
    await expectEventually(async () => assert.equal((await page('limit=200')).items.length, 36));
  });

  after(() => h.close());

  it('gives every share once, unread first then newest, whatever the page size; nextCursor null on the last page', async () => {
    // Two shares read before the walk: they come last.
    const [first, second] = sent;
    await h.get(`/api/v1/institution/shares/${first}`, orgUser).expect(200);
    await h.get(`/api/v1/institution/shares/${second}`, orgUser).expect(200);
    const whole = (await page('limit=200')).items;
    assert.equal(whole.length, 36);
    assert.deepEqual(whole.slice(-2).map((i) => i.status), ['read', 'read']);
    assert.ok(whole.slice(0, -2).every((i) => i.status === 'unread'));
    const unread = whole.slice(0, -2).map((i) => i.sharedAt + i.shareId);
    assert.deepEqual(unread, [...unread].sort().reverse(), 'newest first within unread');
    for (const size of [1, 5, 7, 35, 36]) {
      const walked = await walk(`limit=${size}`);
      assert.deepEqual(walked.map((i) => i.shareId), whole.map((i) => i.shareId), `limit ${size}`);
    }
    const last = await page('limit=36');
    assert.equal(last.nextCursor, null);
    const first50 = await page('');
    assert.equal(first50.items.length, 36, 'default limit 50');
  });

  it('gives each share exactly once while new shares arrive and shares are read mid-walk', async () => {
    const before = new Set((await page('limit=200')).items.map((i) => i.shareId));
    const late = candidates.slice(0, 4);
    const fresh = await Promise.all(late.map(async (c) => (await publishResult(h, c.idNumber, { name: c.name })).resultId));
    const walked = await walk('limit=4', async (n, seen) => {
      // A new share arrives, one already given is read (it must not come again among the read),
      // and one not given yet is read (it must come once).
      if (n < fresh.length) await send({ token: late[n].token, resultId: fresh[n] }, org.recipients[n % 3].recipientId);
      const given = seen.at(-1)!;
      await h.get(`/api/v1/institution/shares/${given.shareId}`, orgUser).expect(200);
      const ahead = (await page('limit=200')).items.find((i) => i.status === 'unread' && !seen.some((s) => s.shareId === i.shareId) && before.has(i.shareId));
      if (ahead) await h.get(`/api/v1/institution/shares/${ahead.shareId}`, orgUser).expect(200);
    });
    const ids = walked.map((i) => i.shareId);
    assert.equal(new Set(ids).size, ids.length, 'no share twice');
    for (const id of before) assert.ok(ids.includes(id), `share ${id} (there before the walk) was given`);
  });

  it('filters by status, account, name or ID Number and dates, on the server, and pages the filtered list', async () => {
    const law = org.recipients[0].recipientId;
    const byAccount = await walk(`recipientId=${law}&limit=3`);
    assert.ok(byAccount.length >= 12 && byAccount.every((i) => i.recipient.recipientId === law));
    const unread = await walk('status=unread&limit=5');
    assert.ok(unread.length > 0 && unread.every((i) => i.status === 'unread'));
    const read = await walk('status=read&limit=5');
    assert.ok(read.length > 0 && read.every((i) => i.status === 'read'));
    assert.equal(unread.length + read.length, (await page('limit=200')).items.length);
    assert.deepEqual(new Set((await page('q=chloe')).items.map((i) => i.candidate.name)), new Set(['Chloé Durand']), 'accents and case ignored');
    assert.deepEqual(new Set((await page('q=%E5%B1%B1%E7%94%B0')).items.map((i) => i.candidate.name)), new Set(['山田 太郎']), 'any script');
    assert.deepEqual(new Set((await page(`q=${candidates[1].idNumber.toLowerCase()}`)).items.map((i) => i.candidate.name)), new Set(['Chloé Durand']), 'an ID Number');
    assert.deepEqual((await page('q=nobody')).items, []);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await page(`from=${today}&to=${today}&limit=200`)).items.length, (await page('limit=200')).items.length);
    assert.deepEqual((await page('to=2020-01-01')).items, []);
    assert.deepEqual((await page(`from=2999-01-01`)).items, []);
    const instant = new Date(Date.now() + 60_000).toISOString();
    assert.equal((await page(`to=${encodeURIComponent(instant)}&limit=200`)).items.length, (await page('limit=200')).items.length);
  });

  it("shows an organisation its own shares only, whatever it asks for", async () => {
    const theirs = await page('limit=200', otherUser);
    assert.equal(theirs.items.length, 1);
    assert.deepEqual((await page(`recipientId=${org.recipients[0].recipientId}`, otherUser)).items, []);
    // A cursor made on Kanto's inbox walks the other organisation's own inbox only.
    const kanto = await page('limit=1');
    const withTheirs = await page(`limit=200&cursor=${kanto.nextCursor}`, otherUser);
    assert.ok(withTheirs.items.every((i) => theirs.items.some((t) => t.shareId === i.shareId)));
  });

  it('refuses bad limits, cursors and dates with a 400 that says why', async () => {
    for (const limit of ['0', '201', 'x', '1.5', '-1']) {
      const r = await h.get(`/api/v1/institution/shares?limit=${limit}`, orgUser).expect(400);
      assert.match(JSON.stringify(r.body.message), /limit must be a whole number from 1 to 200/);
    }
    const bad = async (query: string, code: string) => {
      const r = await h.get(`/api/v1/institution/shares?${query}`, orgUser).expect(400);
      assert.equal(r.body.code, code, query);
      assert.equal(r.body.statusCode, 400);
    };
    await bad('cursor=abc', 'PAGE.INVALID_CURSOR');
    await bad(`cursor=${Buffer.from('{"k":"x","s":0,"t":"2026-01-01T00:00:00.000Z","h":"000000000000"}').toString('base64url')}`, 'PAGE.INVALID_CURSOR');
    const cursor = (await page('limit=1')).nextCursor!;
    await bad(`status=unread&cursor=${cursor}`, 'PAGE.CURSOR_MISMATCH');
    await bad('from=2026-02-30', 'PAGE.INVALID_DATE');
    await bad('from=yesterday', 'PAGE.INVALID_DATE');
    await bad('to=2026-12-02T10:00:00', 'PAGE.INVALID_DATE');
    await bad('from=2026-12-02&to=2026-12-01', 'PAGE.INVALID_RANGE');
    await h.get('/api/v1/institution/shares?cursor=%00', orgUser).expect(400);
    await h.get('/api/v1/me/shares?limit=0', candidates[0].token).expect(400);
    await h.get('/api/v1/me/shares?cursor=abc', candidates[0].token).expect(400);
  });

  it('pages "Shared with" newest first, the candidate\'s own shares only', async () => {
    const c = candidates[0];
    const whole = (await h.get('/api/v1/me/shares?limit=200', c.token).expect(200)).body as Page;
    assert.ok(whole.items.length >= 4);
    assert.equal(whole.nextCursor, null);
    const keys = whole.items.map((i) => i.sharedAt + i.shareId);
    assert.deepEqual(keys, [...keys].sort().reverse());
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const p = (await h.get(`/api/v1/me/shares?limit=1${cursor ? `&cursor=${cursor}` : ''}`, c.token).expect(200)).body as Page;
      walked.push(...p.items.map((i) => i.shareId));
      cursor = p.nextCursor;
    } while (cursor);
    assert.deepEqual(walked, whole.items.map((i) => i.shareId));
    const theirs = (await h.get('/api/v1/me/shares?limit=200', candidates[5].token).expect(200)).body as Page;
    assert.ok(theirs.items.every((i) => !whole.items.some((w) => w.shareId === i.shareId)));
  });
});
