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

// The inbox's retries, what it logs and records, and where "small batch" ends.
const read = (shareId: string) =>
  envelopeOf('ResultRead', { shareId, resultId: 'r', recipientId: 'rc', organisationId: 'o', readAt: new Date().toISOString(), readBy: 'u' } satisfies ResultReadV1, {
    aggregateId: shareId,
  });

describe('IntegrationInbox: retries, logs, records', () => {
  let dir: string;
  let documents: FileDocumentStore;
  const processed = () => documents.collection<{ _id: string; topic: string; type: string; at: string }>('processed_events');
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inbox-retries-'));
    documents = await FileDocumentStore.open(dir);
  });
  after(async () => {
    await documents.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('tries a failing event 4 times by default, pausing 1, 2 then 4 times the back-off, then dead-letters it and says so', async () => {
    const letters: DeadLetter[] = [];
    const logs: string[] = [];
    const logger = { warn: (m: string) => void logs.push(`warn ${m}`), error: (m: string) => void logs.push(`error ${m}`) };
    const inbox = new IntegrationInbox(documents, { put: async (l) => void letters.push(l) }, 'probe', { backoffMs: 40, logger });
    const event = read('always-fails');
    const times: number[] = [];
    await inbox.consumeBatch(Topics.shares, [event], async () => {
      times.push(Date.now());
      throw new Error('database down');
    });
    assert.equal(times.length, 4);
    const pauses = times.slice(1).map((t, i) => t - times[i]);
    [40, 80, 160].forEach((least, i) => assert.ok(pauses[i] >= least - 2 && pauses[i] < least + 2_000, `pause ${i + 1}: ${pauses[i]} ms, ${least} expected`));
    assert.deepEqual(logs, [
      `error probe: ResultRead ${event.eventId} failed 4 times`,
      `warn probe: dead-lettered a message from ${Topics.shares}: handler failed: database down`,
    ]);
    assert.deepEqual(letters, [{ topic: Topics.shares, consumer: 'probe', reason: 'handler failed: database down', payload: event }]);
    assert.equal(await processed().count({ _id: event.eventId }), 1, 'a dead-lettered event counts as processed: it does not come back');
  });

  it('a batch that fails and then succeeds is handed over whole again, not split', async () => {
    const inbox = new IntegrationInbox(documents, { put: async () => assert.fail('nothing to dead-letter') }, 'probe', { attempts: 3, backoffMs: 1 });
    const events = [read('b-1'), read('b-2'), read('b-3')];
    const calls: number[] = [];
    let failures = 2;
    await inbox.consumeBatch(Topics.shares, events, async (batch) => {
      calls.push(batch.length);
      if (failures-- > 0) throw new Error('transient');
    });
    assert.deepEqual(calls, [3, 3, 3]);
  });

  it('a batch that always fails is tried as a batch, then each event on its own with its own attempts', async () => {
    const letters: DeadLetter[] = [];
    const inbox = new IntegrationInbox(documents, { put: async (l) => void letters.push(l) }, 'probe', { attempts: 2, backoffMs: 1 });
    const events = [read('p-1'), read('p-2'), read('p-3')];
    const calls: string[] = [];
    await inbox.consumeBatch(Topics.shares, events, async (batch) => {
      calls.push(batch.map((e) => e.aggregateId).join('+'));
      if (batch.some((e) => e.aggregateId === 'p-2')) throw new Error('poison');
    });
    assert.deepEqual(calls, ['p-1+p-2+p-3', 'p-1+p-2+p-3', 'p-1', 'p-2', 'p-2', 'p-3']);
    assert.deepEqual(letters.map((l) => (l.payload as KnownEnvelope).aggregateId), ['p-2']);
  });

  it('records each processed event with its topic, type and time', async () => {
    const inbox = new IntegrationInbox(documents, { put: async () => undefined }, 'probe');
    const event = read('rec-1');
    const before = Date.now();
    await inbox.consume(Topics.shares, JSON.stringify(event), async (e) => assert.equal(e.eventId, event.eventId));
    const [doc] = await processed().find({ _id: event.eventId });
    assert.equal(doc.topic, Topics.shares);
    assert.equal(doc.type, 'ResultRead');
    assert.ok(Date.parse(doc.at) >= before && Date.parse(doc.at) <= Date.now());
  });

  it('consume hands events one by one; a payload that is not an array is one message', async () => {
    const inbox = new IntegrationInbox(documents, { put: async () => undefined }, 'probe');
    const handled: string[] = [];
    await inbox.consumeBatch(Topics.shares, read('single-1'), async (batch) => void handled.push(...batch.map((e) => e.aggregateId)));
    assert.deepEqual(handled, ['single-1']);
  });

  it('with idempotent handlers, a batch of 16 is still recorded and checked, one of 17 is not', async () => {
    const make = () => new IntegrationInbox(documents, { put: async () => undefined }, 'edge', { idempotentHandlers: true });
    const sixteen = Array.from({ length: 16 }, (_, i) => read(`sixteen-${i}`));
    const seventeen = Array.from({ length: 17 }, (_, i) => read(`seventeen-${i}`));
    const handed: number[] = [];
    const count = async (batch: KnownEnvelope[]) => void handed.push(batch.length);
    await make().consumeBatch(Topics.shares, sixteen, count);
    await make().consumeBatch(Topics.shares, seventeen, count);
    assert.equal(await processed().count({ _id: { $in: sixteen.map((e) => e.eventId) } }), 16);
    assert.equal(await processed().count({ _id: { $in: seventeen.map((e) => e.eventId) } }), 0);
    // A new consumer (a restart) drops the recorded 16, and hands the 17 over again (idempotent handlers).
    await make().consumeBatch(Topics.shares, sixteen, count);
    await make().consumeBatch(Topics.shares, seventeen, count);
    assert.deepEqual(handed, [16, 17, 17]);
  });

  it('keeps processed ids for 7 days by default: nothing younger is forgotten', async () => {
    const inbox = new IntegrationInbox(documents, { put: async () => undefined }, 'keep');
    await processed().insertOne({ _id: 'six-days-old', topic: Topics.shares, type: 'ResultRead', at: new Date(Date.now() - 6 * 24 * 3600_000).toISOString() });
    await processed().insertOne({ _id: 'eight-days-old', topic: Topics.shares, type: 'ResultRead', at: new Date(Date.now() - 8 * 24 * 3600_000).toISOString() });
    // The first prune comes an hour after the start: make this inbox's start an hour ago.
    (inbox as unknown as { lastPrune: number }).lastPrune = Date.now() - 3600_000;
    await inbox.consumeBatch(Topics.shares, [read('keep-1')], async () => undefined);
    assert.equal(await processed().count({ _id: 'six-days-old' }), 1);
    assert.equal(await processed().count({ _id: 'eight-days-old' }), 0);
  });

  it('waits 100 ms, then 200, then 400 by default before its 4 attempts end', async () => {
    const inbox = new IntegrationInbox(documents, { put: async () => undefined }, 'defaults');
    const times: number[] = [];
    await inbox.consumeBatch(Topics.shares, [read('default-backoff')], async () => {
      times.push(Date.now());
      throw new Error('down');
    });
    const pauses = times.slice(1).map((t, i) => t - times[i]);
    assert.equal(pauses.length, 3);
    [100, 200, 400].forEach((least, i) => assert.ok(pauses[i] >= least - 2, `pause ${i + 1}: ${pauses[i]} ms, ${least} expected`));
    assert.ok(pauses[0] < 300, `the first pause is one back-off, not more (${pauses[0]} ms)`);
  });

  it('consume hands its one event to the handler', async () => {
    const inbox = new IntegrationInbox(documents, { put: async () => undefined }, 'one');
    const handled: string[] = [];
    await inbox.consume(Topics.shares, read('one-1'), async (e) => void handled.push(e.aggregateId));
    assert.deepEqual(handled, ['one-1']);
  });

  it('remembers only the most recent ids it was told to keep, oldest forgotten first', async () => {
    const inbox = new IntegrationInbox(documents, { put: async () => undefined }, 'recent', { idempotentHandlers: true, recentIds: 20 });
    const a = Array.from({ length: 17 }, (_, i) => read(`recent-a-${i}`));
    const b = Array.from({ length: 17 }, (_, i) => read(`recent-b-${i}`));
    const handed: string[][] = [];
    const handle = async (batch: KnownEnvelope[]) => void handed.push(batch.map((e) => e.aggregateId));
    await inbox.consumeBatch(Topics.shares, a, handle);
    await inbox.consumeBatch(Topics.shares, b, handle);
    // 20 remembered: the last 3 of a and all of b. The first 14 of a come through again (idempotent handlers).
    await inbox.consumeBatch(Topics.shares, a, handle);
    assert.deepEqual(handed[2], a.slice(0, 14).map((e) => e.aggregateId));
  });

  it('two consumers of one store that handle the same event at once both record it without a conflict', async () => {
    const first = new IntegrationInbox(documents, { put: async () => assert.fail('no dead letter') }, 'twin');
    const second = new IntegrationInbox(documents, { put: async () => assert.fail('no dead letter') }, 'twin');
    const event = read('twin-1');
    let arrived = 0;
    let release!: () => void;
    const bothIn = new Promise<void>((r) => (release = r));
    const handle = async () => {
      if (++arrived === 2) release();
      await bothIn;
    };
    await Promise.all([first.consumeBatch(Topics.shares, [event], handle), second.consumeBatch(Topics.shares, [event], handle)]);
    assert.equal(arrived, 2);
    assert.equal(await processed().count({ _id: event.eventId }), 1);
  });
});
