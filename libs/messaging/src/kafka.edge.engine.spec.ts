import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import kafkajs from 'kafkajs';
import { allTopics, deadLetterTopic, Topics } from '#libs/contracts';
import { engineUrls, expectEventually, runId } from '#libs/testing';
import type { MessageHandler } from '@nestjs/microservices';
import { KafkaBatchTransport, type KafkaBatchContext } from './kafka-batch.transport.js';
import { KafkaPublisher } from './kafka.publisher.js';
import { ensureKafkaTopics } from './kafka.topics.js';
import { TopicNames } from './topic-names.js';

// The Kafka edge on the real broker: topic set-up in a namespace, and what the publisher puts on it.
describe('Kafka edge: topics and publisher', () => {
  const brokers = engineUrls.kafkaBrokers;
  const names = new TopicNames(runId('edge').replace(/[^A-Za-z0-9_-]/g, '_'));
  const kafka = new kafkajs.Kafka({ clientId: `${names.namespace}-test`, brokers, logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  const wanted = allTopics.flatMap((t) => [t, deadLetterTopic(t)]).map((t) => names.topic(t));

  before(async () => {
    await admin.connect();
  });
  after(async () => {
    await admin.deleteTopics({ topics: wanted }).catch(() => undefined);
    await admin.disconnect();
  });

  it('creates every contract topic and its dead-letter topic in the namespace, with the partitions asked for, and may run again at the same time', async () => {
    await Promise.all([ensureKafkaTopics(brokers, 2, names), ensureKafkaTopics(brokers, 2, names)]);
    const { topics } = await admin.fetchTopicMetadata({ topics: wanted });
    assert.deepEqual(topics.map((t) => t.name).sort(), [...wanted].sort());
    assert.ok(topics.every((t) => t.partitions.length === 2 && t.partitions.every((p) => p.leader >= 0)));
    await ensureKafkaTopics(brokers, 2, names); // nothing to do
    const listed = (await admin.listTopics()).filter((t) => t.startsWith(`${names.namespace}.`));
    assert.equal(listed.length, allTopics.length * 2);
  });

  it('publishes to the namespaced topic with key, value and headers; one key keeps to one partition; nothing to send sends nothing', async () => {
    const publisher = await KafkaPublisher.connect({ brokers, clientId: `${names.namespace}-pub`, names });
    const consumer = kafka.consumer({ groupId: `${names.namespace}-reader`, maxWaitTimeInMs: 100 });
    try {
      await publisher.publish([]);
      await publisher.publish([
        { topic: Topics.shares, key: 'share-1', value: '{"n":1}', headers: { 'event-id': 'e1' } },
        { topic: Topics.shares, key: 'share-1', value: '{"n":2}' },
        { topic: Topics.results, key: 'result-1', value: '{"n":3}', headers: { 'event-id': 'e3' } },
      ]);
      const seen: { topic: string; partition: number; key: string; value: string; headers: Record<string, string> }[] = [];
      await consumer.connect();
      await consumer.subscribe({ topics: [names.topic(Topics.shares), names.topic(Topics.results)], fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
          seen.push({ topic, partition, key: String(message.key), value: String(message.value), headers });
        },
      });
      await expectEventually(() => assert.equal(seen.length, 3), { timeoutMs: 20_000 });
      const shares = seen.filter((m) => m.topic === names.topic(Topics.shares));
      assert.deepEqual(shares.map((m) => [m.key, m.value, m.headers]), [['share-1', '{"n":1}', { 'event-id': 'e1' }], ['share-1', '{"n":2}', {}]]);
      assert.equal(shares[0].partition, shares[1].partition);
      assert.deepEqual(seen.filter((m) => m.topic === names.topic(Topics.results)).map((m) => [m.key, m.value]), [['result-1', '{"n":3}']]);
    } finally {
      await consumer.disconnect();
      await publisher.close();
    }
  });

  it('the batch transport hands a partition\'s messages over in order, in slices of at most maxBatch, with [topic, partition] as context', async () => {
    await ensureKafkaTopics(brokers, 2, names);
    const idle = new KafkaBatchTransport({ brokers, groupId: 'idle', names });
    await idle.close(); // never started: nothing to disconnect
    const transport = new KafkaBatchTransport({ brokers, groupId: 'slices', names, maxBatch: 2 });
    const slices: { data: unknown[]; args: unknown }[] = [];
    const handler = (async (data: unknown[], context: KafkaBatchContext) => void slices.push({ data, args: context.getArgs() })) as unknown as MessageHandler;
    transport.addHandler(Topics.entries, handler, true);
    const producer = kafka.producer({ createPartitioner: kafkajs.Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      await producer.send({
        topic: names.topic(Topics.entries),
        messages: [...['{"n":1}', '{"n":2}', null, 'not json', '{"n":5}'].map((value) => ({ key: 'one-key', value })), { key: 'one-key', value: '{"n":6}' }],
      });
      await new Promise<void>((resolve, reject) => transport.listen((error?: unknown) => (error ? reject(new Error('the transport did not start', { cause: error })) : resolve())));
      assert.deepEqual(transport.subscription, { groupId: names.group('slices'), topics: [names.topic(Topics.entries)] });
      await expectEventually(() => assert.equal(slices.flatMap((s) => s.data).length, 6), { timeoutMs: 20_000 });
      assert.ok(slices.every((s) => s.data.length <= 2), JSON.stringify(slices.map((s) => s.data.length)));
      assert.deepEqual(slices.flatMap((s) => s.data), [{ n: 1 }, { n: 2 }, undefined, 'not json', { n: 5 }, { n: 6 }]);
      const partitions = new Set(slices.map((s) => JSON.stringify(s.args)));
      assert.equal(partitions.size, 1, 'one key, one partition');
      const [topic, partition] = slices[0].args as [string, number];
      assert.equal(topic, Topics.entries, 'the contract name, not the namespaced one');
      assert.ok(partition === 0 || partition === 1);
    } finally {
      await producer.disconnect();
      await transport.close();
    }
  });
});
