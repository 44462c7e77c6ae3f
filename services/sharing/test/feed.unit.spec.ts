import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { expectEventually } from '#libs/testing';
import { publishResult, registerOrganisation, SharingHarness, type Organisation } from './sharing.harness.js';

describe('sharing: the pull feed for organisations', () => {
  let h: SharingHarness;
  let org: Organisation;
  let candidate: string;
  let orgUser: string;

  before(async () => {
    h = await SharingHarness.start();
    org = await registerOrganisation(h, 'Acme Corporation', 'employer', ['HR', 'Legal']);
    candidate = await h.issuer.sign({ sub: 'cand-feed', roles: ['candidate'], idn: 'C20000001' });
    orgUser = await h.issuer.sign({ sub: 'user-acme', roles: ['organisation'], org: org.organisationId });
  });

  after(() => h.close());

  it('lists the organisation’s ResultShared and ResultRead envelopes in order, page by page', async () => {
    const { resultId } = await publishResult(h, 'C20000001');
    const first = await h.send(candidate, { resultId, recipientId: org.recipients[0].recipientId, consent: true }).expect(201);
    await h.send(candidate, { resultId, recipientId: org.recipients[1].recipientId, consent: true }).expect(201);
    await h.get(`/api/v1/institution/shares/${first.body.shareId}`, orgUser).expect(200);
    await expectEventually(() => assert.equal(h.published.length, 3));

    const all = await expectEventually(async () => {
      const r = await h.get('/api/v1/institution/feed', orgUser).expect(200);
      assert.equal(r.body.items.length, 3);
      return r.body;
    });
    // The same envelopes (same eventIds) as on the topic, in the order they were relayed.
    assert.deepEqual(all.items.map((e: { eventId: string }) => e.eventId), h.published.map((e) => e.eventId));
    assert.deepEqual(all.items.map((e: { type: string }) => e.type), ['ResultShared', 'ResultShared', 'ResultRead']);

    const page1 = await h.get('/api/v1/institution/feed?limit=2', orgUser).expect(200);
    assert.equal(page1.body.items.length, 2);
    const page2 = await h.get(`/api/v1/institution/feed?after=${page1.body.nextCursor}&limit=2`, orgUser).expect(200);
    assert.deepEqual(page2.body.items.map((e: { type: string }) => e.type), ['ResultRead']);
    const page3 = await h.get(`/api/v1/institution/feed?after=${page2.body.nextCursor}`, orgUser).expect(200);
    assert.deepEqual(page3.body.items, []);
    assert.equal(page3.body.nextCursor, page2.body.nextCursor);
  });

  it("shows another organisation nothing, and refuses bad cursors and other kinds of account", async () => {
    const other = await registerOrganisation(h, 'Other Ltd', 'employer', ['HR']);
    const otherUser = await h.issuer.sign({ sub: 'user-other', roles: ['organisation'], org: other.organisationId });
    const r = await h.get('/api/v1/institution/feed', otherUser).expect(200);
    assert.deepEqual(r.body.items, []);
    await h.get('/api/v1/institution/feed?after=abc', orgUser).expect(400);
    await h.get('/api/v1/institution/feed?limit=0', orgUser).expect(400);
    await h.get('/api/v1/institution/feed?limit=x', orgUser).expect(400);
    await h.get('/api/v1/institution/feed', candidate).expect(403);
  });
});
