import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EventStore } from '#libs/event-store';
import { rebuildProjection } from '#libs/projections';
import { expectEventually } from '#libs/testing';
import { SharesProjection } from '../src/projections/shares.projection.js';
import { setUpWorld, SharingHarness, type World } from './sharing.harness.js';

describe("sharing: an organisation's inbox", () => {
  let h: SharingHarness;
  let w: World;
  let shareId: string;

  before(async () => {
    h = await SharingHarness.start();
    w = await setUpWorld(h);
    const send = (recipientId: string) => h.send(w.tokens.hanako, { resultId: w.resultId, recipientId, consent: true }).expect(201);
    shareId = (await send(w.waseda.recipients[0].recipientId)).body.shareId;
    await send(w.waseda.recipients[1].recipientId);
    await send(w.imperial.recipients[0].recipientId);
  });

  after(() => h.close());

  it("shows a share in the right organisation's inbox only", async () => {
    const { tokens } = w;
    const inbox = await expectEventually(async () => {
      const r = await h.get('/api/v1/institution/shares', tokens.wasedaUser).expect(200);
      assert.equal(r.body.items.length, 2);
      return r.body.items as { shareId: string; status: string; candidate: { name: string }; qualification: string }[];
    });
    const item = inbox.find((i) => i.shareId === shareId)!;
    assert.equal(item.status, 'unread');
    // Name, date of birth and ID Number: two candidates of one name are told apart (issue 11).
    assert.deepEqual(item.candidate, { name: 'Candidate C10000001', dateOfBirth: '2001-04-02', idNumber: 'C10000001' });
    assert.equal(item.qualification, 'Certificate in Advanced English');
    const byAccount = `/api/v1/institution/shares?recipientId=${w.waseda.recipients[0].recipientId}`;
    const filtered = await h.get(byAccount, tokens.wasedaUser).expect(200);
    assert.deepEqual(filtered.body.items.map((i: { shareId: string }) => i.shareId), [shareId]);
    const theirs = await expectEventually(async () => {
      const r = await h.get('/api/v1/institution/shares', tokens.imperialUser).expect(200);
      assert.equal(r.body.items.length, 1);
      return r;
    });
    assert.ok(theirs.body.items.every((i: { shareId: string }) => i.shareId !== shareId));
    const spying = await h.get(byAccount, tokens.imperialUser).expect(200);
    assert.deepEqual(spying.body.items, []);
    await h.get(`/api/v1/institution/shares/${shareId}`, tokens.imperialUser).expect(404);
    await h.get('/api/v1/institution/shares/not-a-share', tokens.wasedaUser).expect(404);
    await h.get('/api/v1/institution/shares?status=maybe', tokens.wasedaUser).expect(400);
  });

  it('the first opening marks the share read, once', async () => {
    const { tokens } = w;
    const first = await h.get(`/api/v1/institution/shares/${shareId}`, tokens.wasedaUser).expect(200);
    assert.equal(first.body.status, 'read');
    assert.ok(first.body.readAt);
    assert.deepEqual(first.body.candidate, { name: 'Candidate C10000001', dateOfBirth: '2001-04-02', idNumber: 'C10000001' });
    assert.equal(first.body.result.overallScore, 168);
    assert.equal(first.body.result.components.length, 2);
    assert.ok(first.body.result.verificationCode);
    assert.equal(first.body.recipient.department, 'Admissions');
    const second = await h.get(`/api/v1/institution/shares/${shareId}`, tokens.wasedaUser).expect(200);
    assert.equal(second.body.readAt, first.body.readAt);
    await expectEventually(() => assert.equal(h.ofType('ResultRead', shareId).length, 1));
    assert.deepEqual(h.ofType('ResultRead', shareId)[0].data, {
      shareId,
      resultId: w.resultId,
      recipientId: w.waseda.recipients[0].recipientId,
      organisationId: w.waseda.organisationId,
      readAt: first.body.readAt,
      readBy: 'user-waseda',
    });
    await expectEventually(async () => {
      const mine = await h.get('/api/v1/me/shares', tokens.hanako).expect(200);
      const item = mine.body.items.find((i: { shareId: string }) => i.shareId === shareId);
      assert.equal(item.status, 'read');
      assert.equal(item.readAt, first.body.readAt);
    });
    const inbox = await h.get('/api/v1/institution/shares', tokens.wasedaUser).expect(200);
    assert.deepEqual(inbox.body.items.map((i: { status: string }) => i.status), ['unread', 'read']);
    const readOnly = await h.get('/api/v1/institution/shares?status=read', tokens.wasedaUser).expect(200);
    assert.deepEqual(readOnly.body.items.map((i: { shareId: string }) => i.shareId), [shareId]);
    assert.equal(h.ofType('ResultRead', shareId).length, 1);
  });

  it('a share the candidate withdrew is found neither by name nor by ID Number, and stays in the candidate\'s own list', async () => {
    const { tokens } = w;
    const other = await h.send(tokens.hanako, { resultId: w.resultId, recipientId: w.waseda.recipients[1].recipientId, consent: true }).expect(200);
    const otherId = other.body.shareId as string;
    const search = (q: string) => h.get(`/api/v1/institution/shares?q=${encodeURIComponent(q)}`, tokens.wasedaUser).expect(200);
    await expectEventually(async () => assert.ok((await search('C10000001')).body.items.some((i: { shareId: string }) => i.shareId === otherId)));
    await h.api.post(`/api/v1/me/shares/${otherId}/withdrawal`).set('authorization', `Bearer ${tokens.hanako}`).send({}).expect(200);
    await expectEventually(async () => {
      for (const q of ['C10000001', 'c10000001', 'Candidate C1000']) {
        assert.ok(!(await search(q)).body.items.some((i: { shareId: string }) => i.shareId === otherId), `q=${q} finds a withdrawn share`);
      }
    });
    const mine = await h.get('/api/v1/me/shares', tokens.hanako).expect(200);
    assert.equal(mine.body.items.find((i: { shareId: string }) => i.shareId === otherId)?.status, 'withdrawn');
    const listed = await h.get('/api/v1/institution/shares?status=withdrawn', tokens.wasedaUser).expect(200);
    assert.deepEqual(listed.body.items.map((i: { shareId: string; candidate?: unknown }) => [i.shareId, i.candidate]), [[otherId, undefined]]);
  });

  it('a projection rebuilt from the events equals the live one', async () => {
    const events = h.infra.documents.collection<{ _id: string; published: boolean }>('events');
    await expectEventually(async () => assert.equal(await events.count({ published: false }), 0));
    const projection = h.service.app.get(SharesProjection);
    const live = await projection.view.find({}, { sort: { _id: 1 } });
    assert.equal(live.length, 3);
    const replayed = await rebuildProjection(h.service.app.get(EventStore), projection);
    assert.equal(replayed, await events.count({}));
    assert.deepEqual(await projection.view.find({}, { sort: { _id: 1 } }), live);
  });

  it('keeps the shares and the inbox across a restart', async () => {
    await h.shutdown();
    await h.boot();
    const { tokens } = w;
    const mine = await h.get('/api/v1/me/shares', tokens.hanako).expect(200);
    assert.equal(mine.body.items.length, 3);
    const inbox = await h.get('/api/v1/institution/shares', tokens.wasedaUser).expect(200);
    assert.deepEqual(inbox.body.items.map((i: { status: string }) => i.status), ['read', 'withdrawn']);
    const body = { resultId: w.resultId, recipientId: w.waseda.recipients[0].recipientId, consent: true };
    const again = await h.send(tokens.hanako, body).expect(200);
    assert.equal(again.body.shareId, shareId);
    assert.equal(again.body.status, 'read');
    const opened = await h.get(`/api/v1/institution/shares/${shareId}`, tokens.wasedaUser).expect(200);
    assert.equal(opened.body.status, 'read');
    assert.equal(h.ofType('ResultRead', shareId).length, 1);
  });
});
