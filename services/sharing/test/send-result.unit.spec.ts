import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectEventually } from '#libs/testing';
import { RESTRICTED_MESSAGE } from '../src/share/share.decider.js';
import { publishResult, setUpWorld, SharingHarness, type World } from './sharing.harness.js';

describe('sharing: a candidate sends a result', () => {
  let h: SharingHarness;
  let w: World;

  before(async () => {
    h = await SharingHarness.start();
    w = await setUpWorld(h);
  });

  after(() => h.close());

  it('sends a result (201), a repeat answers 200 with the same share, and the candidate sees it unread', async () => {
    const { resultId, tokens } = w;
    const recipientId = w.waseda.recipients[0].recipientId;
    const first = await h.send(tokens.hanako, { resultId, recipientId, consent: true }).expect(201);
    assert.equal(first.body.status, 'unread');
    assert.match(first.body.shareId, /^[0-9a-f-]{36}$/);
    const shareId: string = first.body.shareId;
    const again = await h.send(tokens.hanako, { resultId, recipientId, consent: true }).expect(200);
    assert.deepEqual(again.body, first.body);
    const list = await expectEventually(async () => {
      const r = await h.get('/api/v1/me/shares', tokens.hanako).expect(200);
      assert.equal(r.body.items.length, 1);
      return r.body.items;
    });
    assert.deepEqual(list[0], {
      shareId,
      resultId,
      recipient: { recipientId, organisationName: 'Waseda University', department: 'Admissions' },
      sharedAt: first.body.sharedAt,
      status: 'unread',
      readAt: null,
      amendedAt: null,
      timeline: [{ event: 'sent', at: first.body.sharedAt }],
    });
    const event = await expectEventually(() => {
      assert.equal(h.ofType('ResultShared', shareId).length, 1);
      return h.ofType('ResultShared', shareId)[0];
    });
    const data = event.data as { consent: { textVersion: string }; candidate: { idNumber: string }; candidateId: string };
    assert.equal(data.consent.textVersion, '2026-11-v1');
    assert.equal(data.candidate.idNumber, 'C10000001');
    assert.equal(data.candidateId, 'cand-hanako');
  });

  it('two sends at the same moment make one share', async () => {
    const recipientId = w.waseda.recipients[1].recipientId;
    const answers = await Promise.all([1, 2, 3].map(() => h.send(w.tokens.hanako, { resultId: w.resultId, recipientId, consent: true })));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 201]);
    assert.equal(new Set(answers.map((a) => a.body.shareId)).size, 1);
    const events = await h.infra.documents.collection('events').count({ streamId: `share-${answers[0].body.shareId}` });
    assert.equal(events, 1);
    await expectEventually(async () => {
      const r = await h.get('/api/v1/me/shares', w.tokens.hanako).expect(200);
      assert.equal(r.body.items.length, 2);
    });
  });

  it("another candidate sees nothing and cannot send someone else's result", async () => {
    const mine = await h.get('/api/v1/me/shares', w.tokens.taro).expect(200);
    assert.deepEqual(mine.body.items, []);
    const r = await h.send(w.tokens.taro, { resultId: w.resultId, recipientId: w.imperial.recipients[0].recipientId, consent: true }).expect(404);
    assert.equal(r.body.message, 'No such result.');
  });

  it('refuses an unreleased result, an unknown result and an unknown recipient with a 404', async () => {
    const later = await publishResult(h, 'C10000001', { releaseAt: new Date(Date.now() + 86_400_000).toISOString() });
    const recipientId = w.imperial.recipients[0].recipientId;
    await h.send(w.tokens.hanako, { resultId: later.resultId, recipientId, consent: true }).expect(404);
    await h.send(w.tokens.hanako, { resultId: 'no-such-result', recipientId, consent: true }).expect(404);
    const r = await h.send(w.tokens.hanako, { resultId: w.resultId, recipientId: 'no-such-recipient', consent: true }).expect(404);
    assert.equal(r.body.message, 'No such organisation account.');
  });

  it('refuses a no-immigration result to an immigration authority with the exam-centre message', async () => {
    const restricted = await publishResult(h, 'C10000001', { restrictions: ['no-immigration'] });
    const body = { resultId: restricted.resultId, recipientId: w.immigration.recipients[0].recipientId, consent: true };
    const r = await h.send(w.tokens.hanako, body).expect(422);
    assert.equal(r.body.code, 'SHARE.RESTRICTED');
    assert.equal(r.body.message, RESTRICTED_MESSAGE);
    assert.equal(r.body.message, 'This result cannot be sent to immigration authorities. Please raise this with your exam centre.');
    // The same result may still go to a university.
    await h.send(w.tokens.hanako, { ...body, recipientId: w.imperial.recipients[0].recipientId }).expect(201);
  });

  it('refuses a send without consent, and bad fields, with a 400', async () => {
    const base = { resultId: w.resultId, recipientId: w.imperial.recipients[0].recipientId };
    const r = await h.send(w.tokens.hanako, { ...base, consent: false }).expect(400);
    assert.deepEqual(r.body.message, ['You must consent to share your result.']);
    await h.send(w.tokens.hanako, { ...base, consent: 'true' }).expect(400);
    await h.send(w.tokens.hanako, base).expect(400);
    await h.send(w.tokens.hanako, { ...base, resultId: { $gt: '' }, consent: true }).expect(400);
    await h.send(w.tokens.hanako, { ...base, consent: true, extra: 1 }).expect(400);
  });

  it('keeps each kind of account to its own routes (403) and needs a token (401)', async () => {
    const { tokens } = w;
    await h.get('/api/v1/institution/shares', tokens.hanako).expect(403);
    await h.get('/api/v1/institution/shares/00000000-0000-5000-8000-000000000000', tokens.hanako).expect(403);
    await h.get('/api/v1/me/shares', tokens.wasedaUser).expect(403);
    await h.send(tokens.wasedaUser, { resultId: w.resultId, recipientId: w.waseda.recipients[0].recipientId, consent: true }).expect(403);
    await h.get('/api/v1/me/shares', '').expect(401);
  });
});
