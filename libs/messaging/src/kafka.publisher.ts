import { ClientKafka } from '@nestjs/microservices';
import { Partitioners } from 'kafkajs';
import type { MessagePublisher, OutgoingMessage } from './message-publisher.port.js';
import { TopicNames } from './topic-names.js';

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  names?: TopicNames;
}

/** Retries without end, each wait at most 5 s: what an idempotent producer needs (see kafkajs producer/index.js). */
const UNLIMITED_RETRIES = { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5_000 };

/**
 * The Kafka side of the outbox: a NestJS ClientKafka whose kafkajs producer is idempotent with
 * acks=all, sending each relay batch as one request so messages of one key stay in order. The same
 * producer sends the dead letters (KafkaDeadLetters).
 */
export class KafkaPublisher implements MessagePublisher {
  private constructor(
    private readonly client: ClientKafka,
    private readonly names: TopicNames,
  ) {}

  static async connect(connection: KafkaConnection): Promise<KafkaPublisher> {
    const client = new ClientKafka({
      postfixId: '',
      client: { clientId: connection.clientId, brokers: connection.brokers, retry: UNLIMITED_RETRIES },
      producer: {
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: true,
        // Set here, not inherited from the client's: an idempotent producer with fewer retries
        // may break its exactly-once-per-partition guarantee (and kafkajs warns at every start).
        retry: UNLIMITED_RETRIES,
        // The default (murmur2) partitioner, named so kafkajs has nothing to warn about: the same
        // key always lands on the same partition.
        createPartitioner: Partitioners.DefaultPartitioner,
      },
      producerOnlyMode: true,
    });
    await client.connect();
    return new KafkaPublisher(client, connection.names ?? new TopicNames());
  }

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await this.client.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic: this.names.topic(topic),
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers ?? {} })),
      })),
    });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
