import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FileDocumentStore } from '#libs/persistence';
import { KafkaDeadLetters, StoredDeadLetters } from './dead-letter.port.js';
import type { OutgoingMessage } from './message-publisher.port.js';

describe('dead letters', () => {
  it('on Kafka: to <topic>.dlt, keyed by consumer, the payload as sent (JSON for objects), the reason cut to 1,000 characters', async () => {
    const sent: OutgoingMessage[] = [];
    const letters = new KafkaDeadLetters({ publish: async (m) => void sent.push(...m), close: async () => undefined });
    await letters.put({ topic: 'sharing.share.v1', consumer: 'sharing', reason: 'x'.repeat(1500), payload: { a: 1 } });
    await letters.put({ topic: 'sharing.share.v1', consumer: 'results', reason: 'invalid message: no', payload: 'raw text' });
    assert.deepEqual(sent, [
      {
        topic: 'sharing.share.v1.dlt',
        key: 'sharing',
        value: '{"a":1}',
        headers: { 'dlt-reason': 'x'.repeat(1000), 'dlt-consumer': 'sharing', 'dlt-topic': 'sharing.share.v1' },
      },
      {
        topic: 'sharing.share.v1.dlt',
        key: 'results',
        value: 'raw text',
        headers: { 'dlt-reason': 'invalid message: no', 'dlt-consumer': 'results', 'dlt-topic': 'sharing.share.v1' },
      },
    ]);
  });

  it('stored: one document each in dead_letters, with its time, the payload as text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dead-letters-'));
    const documents = await FileDocumentStore.open(dir);
    try {
      const letters = new StoredDeadLetters(documents);
      const before = Date.now();
      await letters.put({ topic: 't', consumer: 'c', reason: 'r1', payload: { a: 1 } });
      await letters.put({ topic: 't', consumer: 'c', reason: 'r2', payload: 'raw' });
      const stored = await documents.collection<{ _id: string; at: string; reason: string; payload: string; topic: string; consumer: string }>('dead_letters').find({}, { sort: { reason: 1 } });
      assert.equal(stored.length, 2);
      assert.notEqual(stored[0]._id, stored[1]._id);
      assert.deepEqual(stored.map((s) => [s.topic, s.consumer, s.reason, s.payload]), [['t', 'c', 'r1', '{"a":1}'], ['t', 'c', 'r2', 'raw']]);
      assert.ok(stored.every((s) => Date.parse(s.at) >= before && Date.parse(s.at) <= Date.now()));
    } finally {
      await documents.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
