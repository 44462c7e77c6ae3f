import { Transport, type KafkaOptions } from '@nestjs/microservices';
import { logLevel } from '@nestjs/microservices/external/kafka.interface.js';

/** Server options for a service's Kafka consumer group (`@EventPattern` handlers). */
export function kafkaConsumerOptions(brokers: string[], groupId: string): KafkaOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: { clientId: groupId, brokers, logLevel: logLevel.WARN, retry: { retries: 10 } },
      consumer: {
        groupId,
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
        rebalanceTimeout: 10_000,
        allowAutoTopicCreation: true,
        retry: { retries: 10 },
      },
      // A service that starts after events were published still sees them all.
      subscribe: { fromBeginning: true },
      // Every partition is processed on its own (messages of one key, one partition, stay in
      // order), so a backlog on one topic (a directory import) does not hold up another.
      run: { autoCommit: true, partitionsConsumedConcurrently: 16 },
    },
  };
}
