import type { CustomStrategy } from '@nestjs/microservices';
import { KafkaBatchTransport } from './kafka-batch.transport.js';
import type { TopicNames } from './topic-names.js';

/** Microservice options for a service's Kafka consumer group (`@EventPattern` handlers, in batches). */
export function kafkaConsumerOptions(brokers: string[], groupId: string, names?: TopicNames): CustomStrategy {
  return { strategy: new KafkaBatchTransport({ brokers, groupId, ...(names ? { names } : {}) }) };
}
