import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import kafkajs from 'kafkajs';
import { allTopics, deadLetterTopic, Topics } from '#libs/contracts';
import { engineUrls, expectEventually, runId } from '#libs/testing';
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
});
