// A relay or a consumer as its own process, for the kill tests (crash.engine.spec.ts): started
// with `node` on the compiled libs against the real Kafka and FerretDB. With `stopAt`, it tells
// the parent (IPC) when it reached the named point and waits there, so that the parent can
// SIGKILL it exactly between two steps. Only ports are wrapped: production code has no hooks.
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type KnownEnvelope, type ResultReadV1 } from '#libs/contracts';
import { EventStore, OutboxRelay, type OutboxSink, type StoredEvent } from '#libs/event-store';
import { MongooseDocumentStore } from '#libs/persistence';
import { applyVersioned } from '#libs/projections';
import {
  IntegrationInbox,
  IntegrationSink,
  KafkaBatchTransport,
  KafkaDeadLetters,
  KafkaPublisher,
  TopicNames,
} from '../src/index.js';
import type { CrashFixtureConfig, FixtureReport, ReadCount } from './crash.shared.js';

const config = JSON.parse(process.argv[2] ?? '{}') as CrashFixtureConfig;
const report = (message: FixtureReport): void => void process.send?.(message);
/** Stays here until the parent kills the process. */
const waitForKill = (): Promise<never> => new Promise<never>(() => undefined);

const names = new TopicNames(config.namespace);
const documents = await MongooseDocumentStore.connect(config.mongoUri, config.db);
const publisher = await KafkaPublisher.connect({ brokers: config.brokers, clientId: `${config.namespace}-${config.role}`, names });

if (config.role === 'relay') {
  const store = new EventStore(documents);
  await store.init();
  const sink = new IntegrationSink(publisher, (e: StoredEvent) => [{ type: 'ResultRead', data: e.data as ResultReadV1 }], 'crash-fixture');
  // The sink resolves once Kafka acknowledged (acks=all); the relay deletes the entries after it.
  const stopping: OutboxSink = {
    name: sink.name,
    handle: async (events) => {
      await sink.handle(events);
      if (config.stopAt === 'published') {
        report({ stage: 'published', eventIds: events.map((e) => e.eventId) });
        await waitForKill();
      }
    },
  };
  const published = await new OutboxRelay(store, [stopping]).drain();
  report({ stage: 'drained', count: published });
  await publisher.close();
  await documents.close();
} else {
  const inbox = new IntegrationInbox(documents, new KafkaDeadLetters(publisher), 'crash-probe', { attempts: 2, backoffMs: 10 });
  const readCounts = documents.collection<ReadCount>('read_counts');

  @Controller()
  class CrashProbe {
    @EventPattern(Topics.shares)
    async onShares(@Payload() batch: unknown[]): Promise<void> {
      await inbox.consumeBatch(Topics.shares, batch, async (events: KnownEnvelope[]) => {
        for (const e of events) {
          await applyVersioned(readCounts, e.aggregateId, e.aggregateVersion, e, (doc, ev) => ({
            applied: (doc?.applied ?? 0) + 1,
            eventIds: [...(doc?.eventIds ?? []), ev.eventId],
          }));
          // The effect is written; the inbox records the batch as processed only after this handler.
          if (config.stopAt === 'handled' && e.eventId === config.stopAtEventId) {
            report({ stage: 'handled', eventId: e.eventId });
            await waitForKill();
          }
        }
      });
    }
  }

  @Module({ controllers: [CrashProbe] })
  class CrashProbeModule {}

  const app = await NestFactory.createMicroservice(CrashProbeModule, {
    strategy: new KafkaBatchTransport({ brokers: config.brokers, groupId: 'crash-probe', names }),
    logger: ['error'],
  });
  await app.listen();
  report({ stage: 'listening' });
}
