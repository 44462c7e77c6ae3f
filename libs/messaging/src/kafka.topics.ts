import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs from 'kafkajs';
import { allTopics, deadLetterTopic } from '#libs/contracts';
import { TopicNames } from './topic-names.js';

/**
 * Creates every contract topic and its dead-letter topic (3 partitions) if missing, and returns
 * once the broker knows a leader for every partition of each. Idempotent, and safe when several
 * services start at once on a fresh namespace (a topic another one created meanwhile is fine).
 */
export async function ensureKafkaTopics(brokers: string[], partitions = 3, names = new TopicNames()): Promise<void> {
  // Stryker disable next-line StringLiteral: equivalent, the client id only labels the connection in the broker's logs
  const admin = new kafkajs.Kafka({ clientId: 'topic-setup', brokers, logLevel: kafkajs.logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = allTopics.flatMap((t) => [t, deadLetterTopic(t)]).map((t) => names.topic(t));
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        // Stryker disable next-line MethodExpression: equivalent, createTopics answers false, not an error, for topics that exist
        const wanted = topics.filter((t) => !existing.has(t));
        // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, creating no topics is a no-op (a shortcut)
        if (wanted.length > 0) {
          await admin.createTopics({
            waitForLeaders: true,
            topics: wanted.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
          });
        }
        const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
        if (metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
        throw new Error('topics have no leaders yet');
      } catch (error) {
        // TOPIC_ALREADY_EXISTS (another service was quicker), UNKNOWN_TOPIC_OR_PARTITION (not
        // propagated yet), no leader yet: all pass within seconds.
        if (attempt >= 20) throw error;
        await sleep(250 * Math.min(attempt, 4));
      }
    }
  } finally {
    await admin.disconnect();
  }
}
