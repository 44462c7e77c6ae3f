import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs, { type Consumer, type EachBatchPayload } from 'kafkajs';
import { parseMessage } from './in-process.transport.js';
import { TopicNames } from './topic-names.js';
import { runHandler } from './run-handler.js';
import { consumeInSpans } from './message-tracing.js';

/** The context handed to `@EventPattern` handlers on Kafka: [topic, partition]. */
export class KafkaBatchContext extends BaseRpcContext<[string, number]> {}

export interface KafkaBatchOptions {
  brokers: string[];
  /** The service's consumer group (namespaced with the topics). */
  groupId: string;
  names?: TopicNames;
  /** Messages handed to a handler at once; a fetched batch larger than this is cut in slices. */
  maxBatch?: number;
  /** Partitions processed in parallel (each one in order). */
  partitionsConsumedConcurrently?: number;
}

/**
 * A NestJS custom transport on kafkajs `eachBatch`: each `@EventPattern(topic)` handler receives
 * the messages of one partition as an array (in offset order), applies them in one go (bulk
 * reads and writes), and only then is the batch's last offset resolved and committed. A crash
 * mid-batch re-delivers the batch; handlers are idempotent (inbox + versioned read models).
 * NestJS's own Kafka server hands messages over one at a time, hence this transport.
 */
export class KafkaBatchTransport extends Server implements CustomTransportStrategy {
  private consumer: Consumer | null = null;
  /** The consumer group and the (namespaced) topics it reads, once listening. */
  subscription: { groupId: string; topics: string[] } | null = null;
  private readonly names: TopicNames;

  constructor(private readonly options: KafkaBatchOptions) {
    super();
    this.names = options.names ?? new TopicNames();
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(() => callback(), (error: unknown) => callback(error));
  }

  private async start(): Promise<void> {
    const { brokers } = this.options;
    const groupId = this.names.group(this.options.groupId);
    const kafka = new kafkajs.Kafka({ clientId: groupId, brokers, logLevel: kafkajs.logLevel.WARN, retry: { retries: 10 } });
    const consumer = kafka.consumer({
      groupId,
      // A member that died (SIGKILL) is noticed within 10 s and its partitions handed on; a slice
      // of 500 messages takes about a second, and the member heartbeats after each.
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      rebalanceTimeout: 10_000,
      allowAutoTopicCreation: true,
      maxWaitTimeInMs: 100,
      retry: { retries: 10 },
    });
    this.consumer = consumer;
    await consumer.connect();
    const topics = [...this.messageHandlers.keys()];
    if (topics.length === 0) return;
    // A service that starts after events were published still sees them all.
    const physical = topics.map((t) => this.names.topic(t));
    for (let attempt = 1; ; attempt++) {
      try {
        await consumer.subscribe({ topics: physical, fromBeginning: true });
        break;
      } catch (error) {
        // A topic created a moment ago may not be known to every broker connection yet.
        if (attempt >= 10) throw error;
        await sleep(500);
      }
    }
    this.subscription = { groupId, topics: physical };
    await consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  private async onBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const topic = this.names.logical(batch.topic);
    const handler = this.messageHandlers.get(topic);
    const max = this.options.maxBatch ?? 500;
    for (let i = 0; i < batch.messages.length; i += max) {
      if (!isRunning() || isStale()) return;
      const slice = batch.messages.slice(i, i + max);
      // Stryker disable next-line ConditionalExpression: equivalent, the group subscribes only to topics with a handler
      if (handler) {
        const payloads = slice.map((m) => parseMessage(m.value?.toString()));
        await consumeInSpans(topic, slice, () => runHandler(handler, payloads, new KafkaBatchContext([topic, batch.partition])));
      }
      resolveOffset(slice[slice.length - 1].offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
  }

  on(): void {
    // Broker events are logged by kafkajs.
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
