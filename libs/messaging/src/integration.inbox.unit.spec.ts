import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Topics, type KnownEnvelope, type ResultReadV1 } from '#libs/contracts';
import { FileDocumentStore } from '#libs/persistence';
import { envelopeOf } from '#libs/testing';
import type { DeadLetter } from './dead-letter.port.js';
import { IntegrationInbox } from './integration.inbox.js';

const read = (shareId: string) =>
  envelopeOf('ResultRead', { shareId, resultId: 'r', recipientId: 'rc', organisationId: 'o', readAt: new Date().toISOString(), readBy: 'u' } satisfies ResultReadV1, {
    aggregateId: shareId,
  });

describe('IntegrationInbox.consumeBatch', () => {
  let dir: string;
  let documents: FileDocumentStore;
  const letters: DeadLetter[] = [];
  let inbox: IntegrationInbox;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inbox-'));
    documents = await FileDocumentStore.open(dir);
    inbox = new IntegrationInbox(documents, { put: async (l) => void letters.push(l) }, 'test', { attempts: 2, backoffMs: 1 });
  });
  after(async () => {
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('hands a batch over at once, without repeats, and never again once processed', async () => {
    const [a, b] = [read('s-a'), read('s-b')];
    const calls: string[][] = [];
    const handle = async (events: KnownEnvelope[]) => void calls.push(events.map((e) => e.aggregateId));
    await inbox.consumeBatch(Topics.shares, [a, b, a, JSON.stringify(b)], handle);
    assert.deepEqual(calls, [['s-a', 's-b']]);
    await inbox.consumeBatch(Topics.shares, [b, a], handle);
    assert.equal(calls.length, 1, 'processed ids are not handed over again');
  });

  it('isolates a message that always fails: only it is dead-lettered, the rest are applied once', async () => {
    const events = Array.from({ length: 20 }, (_, i) => read(`p-${i}`));
    const applied = new Map<string, number>();
    await inbox.consumeBatch(Topics.shares, ['not json {', ...events], async (batch) => {
      if (batch.some((e) => e.aggregateId === 'p-7')) throw new Error('poison');
      for (const e of batch) applied.set(e.aggregateId, (applied.get(e.aggregateId) ?? 0) + 1);
    });
    assert.equal(applied.size, 19);
    assert.ok([...applied.values()].every((n) => n === 1));
    assert.deepEqual(letters.map((l) => l.reason.split(':')[0]).sort(), ['handler failed', 'invalid message']);
    assert.equal((letters.find((l) => l.reason.startsWith('handler'))?.payload as KnownEnvelope).aggregateId, 'p-7');
  });

  it('with idempotent handlers: small batches are checked against and recorded in the stored ids, large ones only in memory', async () => {
    const events = Array.from({ length: 40 }, (_, i) => read(`idem-${i}`));
    const processed = documents.collection<{ _id: string }>('processed_events');
    const inbox = new IntegrationInbox(documents, { put: async () => undefined }, 'idem', { idempotentHandlers: true });
    const handed: number[] = [];
    const count = async (batch: KnownEnvelope[]) => void handed.push(batch.length);
    await inbox.consumeBatch(Topics.shares, events, count);
    assert.equal(await processed.count({ _id: { $in: events.map((e) => e.eventId) } }), 0, 'a large batch is not recorded');
    await inbox.consumeBatch(Topics.shares, events, count);
    assert.deepEqual(handed, [40], 'the same consumer remembers it');
    // After a restart, a large repeat reaches the (idempotent) handler; small batches are recorded and dropped for good.
    const restarted = new IntegrationInbox(documents, { put: async () => undefined }, 'idem', { idempotentHandlers: true });
    await restarted.consumeBatch(Topics.shares, events, count);
    assert.deepEqual(handed, [40, 40]);
    const live = [read('live-1'), read('live-2')];
    await restarted.consumeBatch(Topics.shares, live, count);
    const again = new IntegrationInbox(documents, { put: async () => undefined }, 'idem', { idempotentHandlers: true });
    await again.consumeBatch(Topics.shares, live, count);
    assert.deepEqual(handed, [40, 40, 2]);
  });

  it('forgets processed ids past the retention', async () => {
    const short = new IntegrationInbox(documents, { put: async () => undefined }, 'short', { retentionMs: 1 });
    const processed = documents.collection<{ _id: string }>('processed_events');
    const before = await processed.count({});
    await new Promise((r) => setTimeout(r, 5));
    await short.consumeBatch(Topics.shares, [read('late')], async () => undefined);
    assert.ok(before > 0);
    assert.ok((await processed.count({})) <= 1, 'only ids newer than the retention are kept');
  });
});
