import kafkajs from 'kafkajs';
import { allTopics, deadLetterTopic } from '#libs/contracts';
import { TopicNames } from './topic-names.js';

/** Creates every contract topic and its dead-letter topic (3 partitions) if missing. Idempotent. */
export async function ensureKafkaTopics(brokers: string[], partitions = 3, names = new TopicNames()): Promise<void> {
  const admin = new kafkajs.Kafka({ clientId: 'topic-setup', brokers, logLevel: kafkajs.logLevel.WARN }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = allTopics.flatMap((t) => [t, deadLetterTopic(t)]).map((t) => names.topic(t)).filter((t) => !existing.has(t));
    if (wanted.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: wanted.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}
