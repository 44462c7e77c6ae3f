import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { expectEventually } from '#libs/testing';
import { webhookConfigFromEnv } from '../src/config.js';
import type { WebhookSubscription } from '../src/webhooks/webhook-subscriptions.js';
import { publishResult, registerOrganisation, SharingHarness, type Organisation } from './sharing.harness.js';
import { expectedSignature, WebhookReceiver } from './webhook-receiver.js';

// Loopback receivers need the development allowance; short retries.
process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = 'true';
process.env.WEBHOOK_BASE_BACKOFF_MS = '50';
process.env.WEBHOOK_POLL_MS = '25';
process.env.WEBHOOK_SETTLE_MS = '50';

const newKey = (): string => randomBytes(32).toString('base64');

/** Every byte the service wrote under its data directory (documents, events, outbox), as text. */
async function everythingStored(dir: string): Promise<string> {
  const files = await readdir(dir, { recursive: true, withFileTypes: true });
  const texts = await Promise.all(files.filter((f) => f.isFile()).map((f) => readFile(join(f.parentPath, f.name), 'utf8')));
  return texts.join('\n');
}

describe('sharing: webhook secrets are encrypted at rest', () => {
  let h: SharingHarness;
  let candidate: string;
  let rx: WebhookReceiver;

  before(async () => {
    h = await SharingHarness.start();
    rx = await WebhookReceiver.start();
    candidate = await h.issuer.sign({ sub: 'cand-secrets', roles: ['candidate'], idn: 'C30000099' });
  });

  after(async () => {
    await rx.stop();
    await h.close();
  });

  const stored = (organisationId: string) =>
    h.infra.documents.collection<WebhookSubscription>('webhook_subscriptions').findOne({ _id: organisationId });
  const organisation = async (name: string) => {
    const org = await registerOrganisation(h, name, 'employer', ['HR']);
    return { org, token: await h.issuer.sign({ sub: `user-${org.organisationId}`, roles: ['organisation'], org: org.organisationId }) };
  };
  const share = async (org: Organisation) => {
    const { resultId } = await publishResult(h, 'C30000099');
    await h.send(candidate, { resultId, recipientId: org.recipients[0].recipientId, consent: true }).expect(201);
  };
  const put = async (token: string) =>
    (await request(h.service.url).put('/api/v1/institution/webhook').set('authorization', `Bearer ${token}`).send({ url: rx.url }).expect(200))
      .body as { secret: string };

  it('stores only the sealed form (nowhere in the store is the secret in clear), and deliveries are signed with the secret', async () => {
    const { org, token } = await organisation('Sealed Corp');
    const { secret } = await put(token);
    const doc = (await stored(org.organisationId))!;
    assert.match(doc.secret, /^sealed:v1:/);
    assert.ok(!doc.secret.includes(secret.slice('whsec_'.length)));
    assert.ok(!(await everythingStored(h.dataDir)).includes(secret.slice('whsec_'.length)));
    await share(org);
    await expectEventually(() => assert.equal(rx.delivered.length, 1));
    assert.equal(rx.delivered[0].headers['x-results-signature'], expectedSignature(secret, rx.delivered[0]));
  });

  it('reads a secret stored in clear by an earlier version, and seals it at the next boot', async () => {
    const { org, token } = await organisation('Old Times Ltd');
    await put(token);
    const clear = `whsec_${randomBytes(32).toString('base64url')}`;
    const subscriptions = h.infra.documents.collection<WebhookSubscription>('webhook_subscriptions');
    await subscriptions.updateOne({ _id: org.organisationId }, { $set: { secret: clear } });
    const before = rx.delivered.length;
    await share(org);
    await expectEventually(() => assert.equal(rx.delivered.length, before + 1));
    assert.equal(rx.delivered.at(-1)!.headers['x-results-signature'], expectedSignature(clear, rx.delivered.at(-1)!));

    await h.shutdown();
    await h.boot();
    const doc = (await stored(org.organisationId))!;
    assert.match(doc.secret, /^sealed:v1:/);
    await share(org);
    await expectEventually(() => assert.equal(rx.delivered.length, before + 2));
    assert.equal(rx.delivered.at(-1)!.headers['x-results-signature'], expectedSignature(clear, rx.delivered.at(-1)!));
    // The embedded store is an append-only file, compacted when it closes: then the clear secret is gone from disk too.
    await h.shutdown();
    assert.ok(!(await everythingStored(h.dataDir)).includes(clear.slice('whsec_'.length)));
    await h.boot();
  });

  it('fails the boot loudly with a wrong key; a rotation (new key, old one in WEBHOOK_SECRET_PREVIOUS_KEYS) reseals and keeps signing', async () => {
    const { org, token } = await organisation('Rotating plc');
    const { secret } = await put(token);
    const oldKey = h.webhookSecretKey;
    const sealedBefore = (await stored(org.organisationId))!.secret;

    await h.shutdown();
    h.webhookSecretKey = newKey();
    await assert.rejects(h.boot(), /sealed with key .+, which is neither WEBHOOK_SECRET_KEY .+ nor one of WEBHOOK_SECRET_PREVIOUS_KEYS/);

    process.env.WEBHOOK_SECRET_PREVIOUS_KEYS = oldKey;
    try {
      await h.boot();
    } finally {
      delete process.env.WEBHOOK_SECRET_PREVIOUS_KEYS;
    }
    const sealedAfter = (await stored(org.organisationId))!.secret;
    assert.notEqual(sealedAfter.split(':')[2], sealedBefore.split(':')[2]);
    const before = rx.delivered.length;
    await share(org);
    await expectEventually(() => assert.equal(rx.delivered.length, before + 1));
    assert.equal(rx.delivered.at(-1)!.headers['x-results-signature'], expectedSignature(secret, rx.delivered.at(-1)!));
  });

  it('requires WEBHOOK_SECRET_KEY in distributed mode: the process stops at once with a clear message', () => {
    assert.throws(() => webhookConfigFromEnv({}), /WEBHOOK_SECRET_KEY is required/);
    assert.throws(() => webhookConfigFromEnv({ WEBHOOK_SECRET_KEY: 'c2hvcnQ=' }), /WEBHOOK_SECRET_KEY must be 32 random bytes/);
    assert.throws(() => webhookConfigFromEnv({ WEBHOOK_SECRET_KEY: newKey(), WEBHOOK_ALLOW_HTTP: 'true' }), /WEBHOOK_ALLOW_HTTP is gone/);
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('WEBHOOK_')));
    const main = new URL('../src/main.js', import.meta.url).pathname;
    const run = spawnSync(process.execPath, [main], { env: { ...env, MONGODB_URI: 'mongodb://127.0.0.1:1', KAFKA_BROKERS: '127.0.0.1:1' }, encoding: 'utf8', timeout: 20_000 });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /WEBHOOK_SECRET_KEY is required/);
  });
});
