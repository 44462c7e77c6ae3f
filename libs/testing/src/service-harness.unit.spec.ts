import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { eventCatalogue } from '#libs/contracts';
import { PlatformModule } from '#libs/platform';
import { envelopeOf } from './envelopes.js';
import { ManualClock, ServiceHarness, type ServiceHarnessOptions } from './service-harness.js';

const exists = (path: string) => access(path).then(() => true, () => false);
/** The smallest service there is: the platform alone (logs, guards, store, readiness). */
const harness = (options: Partial<ServiceHarnessOptions> = {}) => new ServiceHarness({ name: 'probe-service', module: (infra) => PlatformModule.register(infra), ...options });

describe('ServiceHarness: a service on embedded adapters for its unit tests', () => {
  it('starts on a fresh data directory, keeps its data across a restart, and removes the directory at close', async () => {
    const h = await harness().start();
    try {
      await h.internal.get('/health').expect(200);
      await h.infra.documents.collection<{ _id: string }>('notes').insertOne({ _id: 'kept' });
      await h.restart();
      assert.deepEqual(await h.infra.documents.collection('notes').findOne({ _id: 'kept' }), { _id: 'kept' });
      assert.match(h.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.notEqual(h.internalUrl, h.url);
      assert.equal(h.mailDir, join(h.dataDir, 'mail'));
    } finally {
      await h.close();
    }
    assert.equal(await exists(h.dataDir), false);
    assert.throws(() => h.service, /probe-service is not running/);
  });

  it('keeps a given data directory, and runs on the manual clock', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'harness-given-'));
    const clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
    const h = await harness({ dataDir, clock }).start();
    try {
      clock.advance(60_000);
      assert.equal(h.infra.clock.now().toISOString(), '2026-01-01T00:01:00.000Z');
    } finally {
      await h.close();
    }
    assert.equal(await exists(join(dataDir, 'probe-service')), true);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('verifies tokens with its own issuer, or against the jwksUrl it is given (then it has no issuer)', async () => {
    const own = await harness().start();
    const other = await harness({ jwksUrl: (h) => `${h.url}/keys` }).start();
    try {
      assert.equal(own.infra.jwksUrl(), own.issuer.jwksUrl);
      assert.equal(other.infra.jwksUrl(), `${other.url}/keys`);
      assert.throws(() => other.issuer, /verifies tokens against its own jwksUrl/);
    } finally {
      await own.close();
      await other.close();
    }
  });

  it('feeds envelopes as Kafka would, seen by a probe; a failed boot closes its store, and the next boot works', async () => {
    let failing = false;
    let closed = false;
    const h = await harness({
      module: (infra) => {
        if (failing) throw new Error('refused to boot');
        return PlatformModule.register(infra);
      },
      onClose: () => Promise.resolve(void (closed = true)),
    }).start();
    try {
      const seen = h.probe(eventCatalogue.OrganisationRegistered.topic);
      const organisationId = randomUUID();
      const data = { organisationId, name: 'Probe Org', kind: 'employer' as const, country: 'Japan', website: null, email: null, aliases: [], recipients: [{ recipientId: randomUUID(), department: null }], firstUser: null };
      await h.feed(envelopeOf('OrganisationRegistered', data, { aggregateId: organisationId }));
      assert.deepEqual(seen.map((e) => e.aggregateId), [organisationId]);

      await h.shutdown();
      failing = true;
      await assert.rejects(h.boot(), /refused to boot/);
      failing = false;
      await h.boot();
      await h.internal.get('/health').expect(200);
    } finally {
      await h.close();
    }
    assert.equal(closed, true);
  });
});
