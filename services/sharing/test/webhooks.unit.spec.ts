import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { expectEventually } from '#libs/testing';
import { webhookConfigFromEnv } from '../src/config.js';
import { backoffMs } from '../src/webhooks/webhook.config.js';
import { signPayload, verifySignature } from '../src/webhooks/webhook.signature.js';
import { WebhookSubscriptions } from '../src/webhooks/webhook-subscriptions.js';
import { publishResult, registerOrganisation, SharingHarness, type Organisation } from './sharing.harness.js';
import { expectedSignature, WebhookReceiver } from './webhook-receiver.js';

// Read by the service at boot: loopback http receivers (the development allowance), and short retries.
process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = 'true';
process.env.WEBHOOK_BASE_BACKOFF_MS = '50';
process.env.WEBHOOK_POLL_MS = '25';
process.env.WEBHOOK_SETTLE_MS = '50';

describe('sharing: signed webhooks for organisations', () => {
  let h: SharingHarness;
  let candidate: string;
  const receivers: WebhookReceiver[] = [];

  before(async () => {
    h = await SharingHarness.start();
    candidate = await h.issuer.sign({ sub: 'cand-hook', roles: ['candidate'], idn: 'C30000001' });
  });

  after(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
    await h.close();
  });

  const receiver = async () => {
    const r = await WebhookReceiver.start();
    receivers.push(r);
    return r;
  };
  const organisation = async (name: string) => {
    const org = await registerOrganisation(h, name, 'employer', ['HR']);
    return { org, token: await h.issuer.sign({ sub: `user-${org.organisationId}`, roles: ['organisation'], org: org.organisationId }) };
  };
  const put = (token: string, body: object) =>
    request(h.service.url).put('/api/v1/institution/webhook').set('authorization', `Bearer ${token}`).send(body);
  const share = async (org: Organisation) => {
    const { resultId } = await publishResult(h, 'C30000001');
    const r = await h.send(candidate, { resultId, recipientId: org.recipients[0].recipientId, consent: true }).expect(201);
    return r.body.shareId as string;
  };
  const feedIds = async (token: string) =>
    (await h.get('/api/v1/institution/feed', token).expect(200)).body.items.map((e: { eventId: string }) => e.eventId) as string[];

  it('POSTs ResultShared then ResultRead, signed, with the feed’s eventIds', async () => {
    const { org, token } = await organisation('Hook Corp');
    const rx = await receiver();
    const first = await put(token, { url: rx.url }).expect(200);
    const replaced = await put(token, { url: rx.url }).expect(200);
    assert.match(replaced.body.secret, /^whsec_/);
    assert.notEqual(replaced.body.secret, first.body.secret);
    assert.deepEqual(replaced.body, { url: rx.url, secret: replaced.body.secret, createdAt: replaced.body.createdAt });
    const shown = await h.get('/api/v1/institution/webhook', token).expect(200);
    assert.deepEqual(shown.body, { url: rx.url, createdAt: replaced.body.createdAt, lastDelivery: null });

    const shareId = await share(org);
    await h.get(`/api/v1/institution/shares/${shareId}`, token).expect(200);
    await expectEventually(() => assert.equal(rx.delivered.length, 2));
    assert.deepEqual(rx.requests.map((r) => r.body.type), ['ResultShared', 'ResultRead']);
    assert.deepEqual(rx.requests.map((r) => r.body.eventId), await feedIds(token));
    for (const r of rx.requests) {
      assert.equal(r.headers['x-results-signature'], expectedSignature(replaced.body.secret as string, r));
      assert.notEqual(r.headers['x-results-signature'], expectedSignature(first.body.secret as string, r));
      assert.equal(r.headers['x-results-event-id'], r.body.eventId);
      assert.equal(r.headers['x-results-event-type'], r.body.type);
      assert.equal(r.headers['content-type'], 'application/json');
      assert.ok(Math.abs(Number(r.headers['x-results-timestamp']) - Date.now() / 1000) < 60);
      assert.equal(r.body.data.shareId, shareId);
    }
    const after = await h.get('/api/v1/institution/webhook', token).expect(200);
    assert.equal(after.body.lastDelivery.status, 200);
  });

  it('retries a failing receiver with backoff and keeps the order', async () => {
    const { org, token } = await organisation('Flaky Ltd');
    const rx = await receiver();
    rx.script = [500, 500];
    await put(token, { url: rx.url }).expect(200);
    await share(org);
    await share(org);
    await expectEventually(() => assert.equal(rx.delivered.length, 2));
    const ids = await feedIds(token);
    assert.deepEqual(rx.requests.map((r) => r.body.eventId), [ids[0], ids[0], ids[0], ids[1]]);
    assert.deepEqual(rx.requests.map((r) => r.status), [500, 500, 200, 200]);
    // Each retry is a new signature over a new timestamp, with the same event id.
    assert.ok(rx.requests.every((r) => r.headers['x-results-event-id'] === r.body.eventId));
  });

  it("sends an organisation only its own events; DELETE stops delivery", async () => {
    const a = await organisation('Alpha Inc');
    const b = await organisation('Beta Inc');
    const [rxA, rxB] = [await receiver(), await receiver()];
    await put(a.token, { url: rxA.url }).expect(200);
    await put(b.token, { url: rxB.url }).expect(200);
    const shareA = await share(a.org);
    const shareB = await share(b.org);
    await expectEventually(() => assert.equal(rxA.delivered.length + rxB.delivered.length, 2));
    assert.deepEqual(rxA.requests.map((r) => r.body.data.shareId), [shareA]);
    assert.deepEqual(rxB.requests.map((r) => r.body.data.shareId), [shareB]);

    await request(h.service.url).delete('/api/v1/institution/webhook').set('authorization', `Bearer ${b.token}`).expect(204);
    await h.get('/api/v1/institution/webhook', b.token).expect(404);
    await share(b.org);
    await share(a.org);
    await expectEventually(() => assert.equal(rxA.delivered.length, 2));
    assert.equal(rxB.requests.length, 1);
  });

  it('refuses bad URLs (400), other kinds of account (403), and answers 404 without a webhook', async () => {
    const { token } = await organisation('Strict plc');
    // The address policy with the allowance off: webhook-ssrf.unit.spec.ts.
    for (const url of ['not a url', 'ftp://127.0.0.1/x', 'file:///etc/passwd', 'http://u:p@127.0.0.1/x', `https://example.com/${'a'.repeat(2000)}`, '', 42]) {
      await put(token, { url }).expect(400);
    }
    await put(token, {}).expect(400);
    await put(token, { url: 'https://example.com/hook', extra: true }).expect(400);
    const r = await put(token, { url: 'ftp://example.com/hook' }).expect(400);
    assert.equal(r.body.code, 'WEBHOOK.BAD_URL');
    await h.get('/api/v1/institution/webhook', token).expect(404);
    await put(candidate, { url: 'https://example.com/hook' }).expect(403);
    await h.get('/api/v1/institution/webhook', candidate).expect(403);
    await request(h.service.url).delete('/api/v1/institution/webhook').set('authorization', `Bearer ${candidate}`).expect(403);
    await put('', { url: 'https://example.com/hook' }).expect(401);
    const ok = await put(token, { url: 'https://example.com/hook' }).expect(200);
    assert.equal(ok.body.url, 'https://example.com/hook');
  });

  it('keeps the webhook across a restart and delivers what was pending', async () => {
    const { org, token } = await organisation('Durable GmbH');
    const rx = await receiver();
    rx.fallback = 503;
    await put(token, { url: rx.url }).expect(200);
    const shareId = await share(org);
    await expectEventually(async () => {
      const r = await h.get('/api/v1/institution/webhook', token).expect(200);
      assert.equal(r.body.lastDelivery?.status, 503);
    });
    await h.shutdown();
    rx.fallback = 200;
    const failures = rx.requests.length;
    await h.boot();
    await expectEventually(() => assert.equal(rx.delivered.length, 1));
    assert.equal(rx.delivered[0].body.data.shareId, shareId);
    assert.ok(rx.requests.length > failures);
    const shown = await h.get('/api/v1/institution/webhook', token).expect(200);
    assert.equal(shown.body.url, rx.url);
    assert.equal(shown.body.lastDelivery.status, 200);
  });

  it('sends a subscription whose cursor is a v1 counter number its events again from the start (at least once)', async () => {
    const { org, token } = await organisation('Legacy Cursor Ltd');
    const earlier = [await share(org), await share(org)];
    await expectEventually(async () => assert.equal((await feedIds(token)).length, 2));
    const rx = await receiver();
    await put(token, { url: rx.url }).expect(200);
    // As a v1 worker left it: a counter position, meaningless now.
    await h.app.get(WebhookSubscriptions).collection.updateOne({ _id: org.organisationId }, { $set: { deliveredUpTo: 7 } });
    await expectEventually(() => assert.equal(rx.delivered.length, 2));
    assert.deepEqual(rx.requests.map((r) => r.body.data.shareId), earlier);
    const stored = await h.app.get(WebhookSubscriptions).find(org.organisationId);
    assert.equal(typeof stored?.deliveredUpTo, 'string');
  });

  it('claims a subscription once (compare-and-set); backoff doubles up to its cap; signatures verify', async () => {
    const { org, token } = await organisation('Racy Co');
    await put(token, { url: 'https://example.com/hook' }).expect(200);
    const subscriptions = h.service.app.get(WebhookSubscriptions);
    const seen = (await subscriptions.find(org.organisationId))!;
    const claims = await Promise.all([subscriptions.claim(seen, 'one', Date.now() + 60_000), subscriptions.claim(seen, 'two', Date.now() + 60_000)]);
    assert.deepEqual(claims.sort(), [false, true]);

    const config = { ...webhookConfigFromEnv({ WEBHOOK_SECRET_KEY: h.webhookSecretKey }), baseBackoffMs: 1_000 };
    assert.equal(config.allowPrivateAddresses, false);
    assert.ok(backoffMs(config, 1) >= 800 && backoffMs(config, 1) <= 1_200);
    assert.ok(backoffMs(config, 4) >= 6_400 && backoffMs(config, 4) <= 9_600);
    assert.ok(backoffMs(config, 60) <= 720_000 && backoffMs(config, 60) >= 480_000);
    const signature = signPayload('whsec_x', 1_700_000_000, '{"a":1}');
    const at = { now: 1_700_000_000_000 };
    assert.ok(verifySignature('whsec_x', '1700000000', '{"a":1}', signature, at));
    assert.ok(!verifySignature('whsec_y', '1700000000', '{"a":1}', signature, at));
    assert.ok(!verifySignature('whsec_x', '1700000001', '{"a":1}', signature, at));
  });
});
