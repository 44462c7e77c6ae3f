import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import type { IntegrationEnvelope } from '#libs/contracts';
import { expectEventually } from '#libs/testing';
import { guardedLookup, systemResolve, type Resolve } from '../src/webhooks/webhook-address.lookup.js';
import { deliver } from '../src/webhooks/webhook.delivery.js';
import { WebhookSubscriptions } from '../src/webhooks/webhook-subscriptions.js';
import { publishResult, registerOrganisation, SharingHarness } from './sharing.harness.js';
import { WebhookReceiver } from './webhook-receiver.js';

// The production default: no development allowance. Short retries so that attempts come quickly.
delete process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES;
process.env.WEBHOOK_BASE_BACKOFF_MS = '50';
process.env.WEBHOOK_POLL_MS = '25';
process.env.WEBHOOK_SETTLE_MS = '50';

const envelope = { eventId: 'evt-ssrf', type: 'ResultRead', data: {} } as unknown as IntegrationEnvelope;

/** A resolver that answers from a table and records what it was asked: DNS as an attacker would run it. */
function fakeDns(table: Record<string, string[]>): Resolve & { asked: string[] } {
  const asked: string[] = [];
  const resolve = (hostname: string): Promise<LookupAddress[]> => {
    asked.push(hostname);
    return Promise.resolve((table[hostname] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };
  return Object.assign(resolve, { asked });
}

describe('sharing: webhooks reach public hosts only (no development allowance)', () => {
  let h: SharingHarness;
  let rx: WebhookReceiver;

  before(async () => {
    h = await SharingHarness.start();
    rx = await WebhookReceiver.start();
  });

  after(async () => {
    await rx.stop();
    await h.close();
  });

  const organisation = async (name: string) => {
    const org = await registerOrganisation(h, name, 'employer', ['HR']);
    return { org, token: await h.issuer.sign({ sub: `user-${org.organisationId}`, roles: ['organisation'], org: org.organisationId }) };
  };
  const put = (token: string, url: string) =>
    request(h.service.url).put('/api/v1/institution/webhook').set('authorization', `Bearer ${token}`).send({ url });

  it('PUT refuses loopback, private, link-local, CGNAT, multicast, encoded and local hosts, other ports and http (400)', async () => {
    const { token } = await organisation('Careful plc');
    const refused = [
      'https://127.0.0.1/hook', 'https://localhost/hook', 'https://[::1]/hook', 'https://10.0.0.1/hook', 'https://192.168.0.10/hook',
      'https://169.254.169.254/latest/meta-data/', 'https://100.64.0.1/hook', 'https://224.0.0.1/hook', 'https://0.0.0.0/hook',
      'https://0x7f000001/hook', 'https://2130706433/hook', 'https://0177.0.0.1/hook', 'https://127.1/hook',
      'https://[::ffff:127.0.0.1]/hook', 'https://[fd00::1]/hook', 'https://[fe80::1]/hook', 'https://metadata.google.internal/',
      'https://hooks.example.com:22/hook', 'https://hooks.example.com:6379/hook', 'http://hooks.example.com/hook', rx.url,
    ];
    for (const url of refused) {
      const r = await put(token, url);
      assert.equal(r.status, 400, url);
      assert.equal(r.body.code, 'WEBHOOK.BAD_URL', url);
      assert.match(r.body.message as string, /^url must /, url);
    }
    const loopback = await put(token, 'https://0x7f000001/hook');
    assert.equal(loopback.body.message, 'url must point to a public host on the internet: 127.0.0.1 is not a public address (loopback).');
    await h.get('/api/v1/institution/webhook', token).expect(404);
    await put(token, 'https://hooks.example.com:8443/results').expect(200);
  });

  it('refuses at delivery a name that resolves to a private address, before connecting (DNS rebinding)', async () => {
    const options = { timeoutMs: 2_000, stopping: new AbortController().signal, now: Date.now, allowPrivate: false };
    const dns = fakeDns({ 'hooks.rebind.example': ['127.0.0.1'], 'mixed.rebind.example': ['93.184.215.14', '10.0.0.7'], 'v6.rebind.example': ['::ffff:169.254.169.254'] });
    const outcome = await deliver('https://hooks.rebind.example/hook', 'whsec_x', envelope, { ...options, resolve: dns });
    assert.deepEqual(outcome, { delivered: false, status: 0, refused: 'webhook host refused: hooks.rebind.example → 127.0.0.1 is not a public address (loopback)' });
    const mixed = await deliver('https://mixed.rebind.example:8443/hook', 'whsec_x', envelope, { ...options, resolve: dns });
    assert.match(mixed.refused ?? '', /10\.0\.0\.7 is not a public address \(private\)/);
    const mapped = await deliver('https://v6.rebind.example/hook', 'whsec_x', envelope, { ...options, resolve: dns });
    assert.match(mapped.refused ?? '', /link-local/);
    // The socket asked our lookup (once per connection) and never reached anything.
    assert.deepEqual(dns.asked, ['hooks.rebind.example', 'mixed.rebind.example', 'v6.rebind.example']);
    assert.equal(rx.requests.length, 0);
  });

  it('the real resolver: localhost resolves to loopback and the guarded lookup refuses it', async () => {
    const lookup = guardedLookup(systemResolve);
    const error = await new Promise<Error | null>((resolve) => lookup('localhost', { all: true }, (e) => resolve(e)));
    assert.match(error?.message ?? '', /localhost → (127\.0\.0\.1|::1) is not a public address \(loopback\)/);
    const answer = await new Promise<unknown>((resolve) => guardedLookup(fakeDns({ 'ok.example': ['93.184.215.14'] }))('ok.example', { all: true }, (e, a) => resolve(e ?? a)));
    assert.deepEqual(answer, [{ address: '93.184.215.14', family: 4 }]);
  });

  it('the worker refuses a stored URL the policy does not allow (kept from before it), sends nothing and shows status 0', async () => {
    const { org, token } = await organisation('Legacy Ltd');
    // Written straight to the store, as a subscription made before the policy existed would be.
    await h.service.app.get(WebhookSubscriptions).put(org.organisationId, rx.url, 'whsec_legacy', new Date().toISOString());
    const { resultId } = await publishResult(h, 'C30000077');
    const candidate = await h.issuer.sign({ sub: 'cand-ssrf', roles: ['candidate'], idn: 'C30000077' });
    await h.send(candidate, { resultId, recipientId: org.recipients[0].recipientId, consent: true }).expect(201);
    await expectEventually(async () => {
      const r = await h.get('/api/v1/institution/webhook', token).expect(200);
      assert.equal(r.body.lastDelivery?.status, 0);
    });
    assert.equal(rx.requests.length, 0);
  });
});
