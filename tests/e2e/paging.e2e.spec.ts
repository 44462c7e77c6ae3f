import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MongoClient } from 'mongodb';
import { EventStore } from '#libs/event-store';
import { FileDocumentStore, MongooseDocumentStore, type DocumentStore } from '#libs/persistence';
import type { ServiceInfrastructure } from '#libs/platform';
import { rebuildProjection } from '#libs/projections';
import { engineUrls } from '#libs/testing';
import { FeedProjection } from '../../services/sharing/src/feed/feed.projection.js';
import { Api, runTag, sampleResult } from './api.js';
import { Budgets, FIRST_BOOT_SETTLE_MS, poll, RESTART_SETTLE_MS } from './poll.js';
import { modes, startSystem, type SystemUnderTest } from './system.js';

interface Item {
  shareId: string;
  status: string;
}
interface Envelope {
  eventId: string;
  type: string;
}

/** Sharing's own store, opened beside a stopped system (white box: the feed is rebuilt in it). */
async function sharingStore(system: SystemUnderTest): Promise<DocumentStore> {
  if (system.mode === 'embedded') return FileDocumentStore.open(join(system.data.dataDir, 'sharing'));
  const client = await MongoClient.connect(engineUrls.mongoUri);
  try {
    const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
    const [name] = databases.map((d) => d.name).filter((n) => n.includes(system.data.namespace) && n.includes('sharing'));
    assert.ok(name, `no sharing database for namespace ${system.data.namespace}`);
    return await MongooseDocumentStore.connect(engineUrls.mongoUri, name);
  } finally {
    await client.close();
  }
}

for (const mode of modes()) {
  describe(`organisations at real volume: pages, export and feed positions through the gateway (${mode} mode)`, () => {
    let system: SystemUnderTest;
    let api: Api;
    let budgets: Budgets;
    let org: string;
    const orgEmail = `volume-${runTag()}@org.example`;
    const orgPassword = 'organisation password';
    const accounts: string[] = [];
    const candidates: { token: string; resultId: string }[] = [];

    const inboxPage = async (query: string): Promise<{ items: Item[]; nextCursor: string | null }> => (await api.get(`/api/v1/institution/shares?${query}`, org).expect(200)).body;
    const feedPage = async (after: string, limit: number): Promise<{ items: Envelope[]; nextCursor: string }> =>
      (await api.get(`/api/v1/institution/feed?after=${after}&limit=${limit}`, org).expect(200)).body;
    const sendAll = (c: { token: string; resultId: string }) =>
      Promise.all(
        accounts.map((recipientId) =>
          poll(() => api.post('/api/v1/me/shares', { resultId: c.resultId, recipientId, consent: true }, c.token), {
            what: 'POST /me/shares',
            deadline: budgets.deadline(),
            retryOn: [404],
            accept: (a) => (a.status === 201 ? (a.body as { shareId: string }).shareId : undefined),
          }),
        ),
      );
    /** The whole feed from `from`, `limit` at a time, until a page is empty. */
    const drainFeed = async (from = '0', limit = 7) => {
      const order: string[] = [];
      const positions = new Map<string, string>();
      let cursor = from;
      for (;;) {
        const page = await feedPage(cursor, limit);
        if (page.items.length === 0) return { order, positions };
        order.push(...page.items.map((e) => e.eventId));
        positions.set(page.items.at(-1)!.eventId, page.nextCursor);
        cursor = page.nextCursor;
      }
    };

    before(async () => {
      system = await startSystem(mode, 'none');
      budgets = new Budgets(FIRST_BOOT_SETTLE_MS, system.healthyAt);
      api = new Api(system.url);
      const admin = await api.login({ email: system.adminEmail, password: system.adminPassword });
      const r = await api
        .post('/api/v1/admin/organisations', {
          name: `Volume University ${runTag()}`, kind: 'education', country: 'Japan', website: `https://volume-${runTag()}.example.ac.jp`, email: orgEmail,
          accounts: Array.from({ length: 8 }, (_, i) => ({ department: `Faculty ${i + 1}` })),
        }, admin)
        .expect(201);
      accounts.push(...(r.body.recipients as { recipientId: string }[]).map((x) => x.recipientId));
      for (const [i, name] of ['山田 花子', 'Zoë Ångström'].entries()) {
        const entry = await api.post('/api/v1/admin/entries', { name, dateOfBirth: '2001-04-02', exam: 'C1 Advanced', centre: 'JP001 Tokyo' }, admin).expect(201);
        const result = await api.post('/api/v1/admin/results', sampleResult(entry.body.idNumber), admin).expect(201);
        const password = 'candidate password';
        await api.register({ idNumber: entry.body.idNumber, secretNumber: entry.body.secretNumber, email: `volume-${i}-${runTag()}@mail.example`, password }, budgets.deadline());
        candidates.push({ token: await api.login({ idNumber: entry.body.idNumber, password }), resultId: result.body.resultId });
      }
      const token = await api.resetToken(system.mailDir, orgEmail, budgets.deadline());
      await api.post('/api/v1/auth/password-reset/confirm', { token, newPassword: orgPassword }).expect(204);
      org = await api.loginEventually({ email: orgEmail, password: orgPassword }, budgets.deadline());
      await sendAll(candidates[0]);
      await poll(() => api.get('/api/v1/institution/shares?limit=200', org), {
        what: 'the first 8 shares in the inbox',
        deadline: budgets.deadline(),
        accept: (a) => ((a.body as { items: Item[] }).items.length === 8 ? true : undefined),
      });
    });
    after(async () => {
      await system?.stop();
    });

    it('pages the inbox and the feed while 8 more shares arrive at once and shares are read: none twice, none skipped', async () => {
      const before = new Set((await inboxPage('limit=200')).items.map((i) => i.shareId));
      const seen: Item[] = [];
      const opened = new Set<string>();
      let cursor: string | null = null;
      const sending = sendAll(candidates[1]);
      do {
        const page: { items: Item[]; nextCursor: string | null } = await inboxPage(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items);
        // One already given is read: it must not come again among the read ones.
        if (page.items.length > 0) {
          await api.get(`/api/v1/institution/shares/${page.items[0].shareId}`, org).expect(200);
          opened.add(page.items[0].shareId);
        }
        cursor = page.nextCursor;
      } while (cursor);
      const sent = await sending;
      const ids = seen.map((i) => i.shareId);
      assert.equal(new Set(ids).size, ids.length, 'no share twice');
      for (const id of before) assert.ok(ids.includes(id), `share ${id} was given`);

      // The feed: walked while nothing more is sent, then to the end; every event once.
      const expected = 16 + opened.size;
      let feed = await drainFeed('0', 5);
      while (feed.order.length < expected && Date.now() < budgets.deadline() + 2_000) feed = await drainFeed('0', 5);
      assert.equal(new Set(feed.order).size, feed.order.length, 'no event twice in the feed');
      assert.equal(feed.order.length, expected, 'every share and every first opening in the feed');
      assert.equal(sent.length, 8);
      const cursors = [...feed.positions.values()];
      assert.deepEqual(cursors, [...cursors].sort(), 'positions only grow');
      const all = await inboxPage('limit=200');
      assert.equal(all.items.length, 16);
      assert.equal(all.nextCursor, null);
      await api.get('/api/v1/institution/shares?limit=201', org).expect(400);
      const bad = await api.get('/api/v1/institution/shares?cursor=not-a-cursor', org).expect(400);
      assert.equal(bad.body.code, 'PAGE.INVALID_CURSOR');
      await api.get('/api/v1/institution/feed?limit=2001', org).expect(400);
      const mine = (await api.get('/api/v1/me/shares?limit=5', candidates[0].token).expect(200)).body as { items: Item[]; nextCursor: string | null };
      assert.equal(mine.items.length, 5);
      const rest = (await api.get(`/api/v1/me/shares?limit=5&cursor=${mine.nextCursor}`, candidates[0].token).expect(200)).body as { items: Item[]; nextCursor: string | null };
      assert.equal(rest.items.length, 3);
      assert.equal(rest.nextCursor, null);
    });

    it('exports the shares as CSV through the gateway: BOM, header, one row per share, names intact', async () => {
      const r = await api
        .get('/api/v1/institution/shares/export?format=csv', org)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      assert.equal(r.headers['content-type'], 'text/csv; charset=utf-8');
      assert.match(r.headers['content-disposition'], /^attachment; filename="shares-/);
      const bytes = r.body as Buffer;
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
      assert.match(lines[0], /^shareId,sharedAt,status,readAt,department,candidate name,date of birth,ID Number,/);
      assert.equal(lines.length, 17);
      assert.equal(lines.filter((l) => l.includes(',山田 花子,')).length, 8);
      assert.equal(lines.filter((l) => l.includes(',Zoë Ångström,')).length, 8);
      await api.get('/api/v1/institution/shares/export?from=2026-02-30', org).expect(400);
      await api.get('/api/v1/institution/shares/export', candidates[0].token).expect(403);
    });

    it('gives every event the same position after the system is stopped, the feed rebuilt from the events, and started again', async () => {
      const before = await drainFeed('0', 1);
      assert.ok(before.order.length >= 18);
      await system.stop();
      const documents = await sharingStore(system);
      try {
        const infra = { documents, serviceName: 'sharing', clock: { now: () => new Date() } } as unknown as ServiceInfrastructure;
        const feed = new FeedProjection(infra);
        await rebuildProjection(new EventStore(documents), feed);
        assert.equal(await feed.entries.count({}), before.order.length);
      } finally {
        await documents.close();
      }
      system = await startSystem(mode, 'none', system.data);
      budgets.restarted(system.healthyAt, RESTART_SETTLE_MS);
      api = new Api(system.url);
      org = await api.loginEventually({ email: orgEmail, password: orgPassword }, budgets.deadline());
      const afterRebuild = await drainFeed('0', 1);
      assert.deepEqual(afterRebuild.order, before.order);
      assert.deepEqual([...afterRebuild.positions], [...before.positions]);
      const half = Math.floor(before.order.length / 2);
      const resumed = await drainFeed(before.positions.get(before.order[half - 1]) ?? '', 4);
      assert.deepEqual(resumed.order, before.order.slice(half));
    });
  });
}
