import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import kafkajs from 'kafkajs';
import { deadLetterTopic, Topics, type KnownEnvelope } from '#libs/contracts';
import { findByIds, MongooseDocumentStore, type DocumentStore } from '#libs/persistence';
import { applyVersioned } from '#libs/projections';
import { engineUrls, expectEventually, runId } from '#libs/testing';
import { IntegrationInbox, KafkaBatchTransport, KafkaDeadLetters, KafkaPublisher, TopicNames } from '../src/index.js';
import type { ReadCount } from './crash.shared.js';

const ATTEMPTS = 3;

describe('IntegrationInbox on Kafka: a poison message goes to <topic>.dlt after the last retry, the rest of its batch is applied', () => {
  const namespace = runId('dlt').replace(/[^A-Za-z0-9_-]/g, '_');
  const names = new TopicNames(namespace);
  const brokers = engineUrls.kafkaBrokers;
  const topics = [names.topic(Topics.shares), names.topic(deadLetterTopic(Topics.shares))];
  const kafka = new kafkajs.Kafka({ clientId: `${namespace}-test`, brokers, logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  let docs: DocumentStore;
  let publisher: KafkaPublisher;
  let app: INestMicroservice;
  const poisonId = randomUUID();
  /** Handler runs that included the poison event, by batch size. */
  const poisonTries: number[] = [];

  before(async () => {
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: topics.map((topic) => ({ topic, numPartitions: 1, replicationFactor: 1 })) });
    docs = await MongooseDocumentStore.connect(engineUrls.mongoUri, runId('dlt'));
    publisher = await KafkaPublisher.connect({ brokers, clientId: `${namespace}-publisher`, names });
  });

  after(async () => {
    await app?.close();
    await publisher.close();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
    await docs.dropAll();
    await docs.close();
  });

  it('retries, then dead-letters only the poison message with the reason, and applies the good ones once', async () => {
    const inbox = new IntegrationInbox(docs, new KafkaDeadLetters(publisher), 'dlt-probe', { attempts: ATTEMPTS, backoffMs: 5 });
    const readModel = docs.collection<ReadCount>('read_counts');

    @Controller()
    class PoisonProbe {
      @EventPattern(Topics.shares)
      async onShares(@Payload() batch: unknown[]): Promise<void> {
        await inbox.consumeBatch(Topics.shares, batch, async (events: KnownEnvelope[]) => {
          for (const e of events) {
            if (e.eventId === poisonId) {
              poisonTries.push(events.length);
              throw new Error('poison: cannot be applied');
            }
            await applyVersioned(readModel, e.aggregateId, e.aggregateVersion, e, (doc, ev) => ({
              applied: (doc?.applied ?? 0) + 1,
              eventIds: [...(doc?.eventIds ?? []), ev.eventId],
            }));
          }
        });
      }
    }
    @Module({ controllers: [PoisonProbe] })
    class PoisonModule {}

    // One batch on one partition: two good events, the poison, one more good event.
    const envelope = (eventId: string, aggregateId: string, aggregateVersion: number) => ({
      eventId,
      type: 'ResultRead',
      version: 1,
      occurredAt: new Date().toISOString(),
      aggregateId,
      aggregateVersion,
      correlationId: 'dlt',
      causationId: null,
      producer: 'test',
      data: { shareId: aggregateId, resultId: 'r-1', recipientId: 'rc-1', organisationId: 'o-1', readAt: new Date().toISOString(), readBy: 'u-1' },
    });
    const good = [envelope(randomUUID(), 'good', 1), envelope(randomUUID(), 'good', 2), envelope(randomUUID(), 'other', 1)];
    const batch = [good[0], good[1], envelope(poisonId, 'poison', 1), good[2]];
    await publisher.publish(batch.map((e) => ({ topic: Topics.shares, key: 'one-key', value: JSON.stringify(e), headers: { 'event-id': e.eventId } })));

    app = await NestFactory.createMicroservice(PoisonModule, {
      strategy: new KafkaBatchTransport({ brokers, groupId: 'dlt-probe', names }),
      logger: ['error'],
    });
    await app.listen();

    // The inbox records the batch after the dead letter was sent (acks=all): then the topic is final.
    const goodIds = good.map((e) => e.eventId);
    await expectEventually(async () => assert.equal((await findByIds(docs.collection('processed_events'), goodIds)).length, 3), {
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    assert.equal((await readModel.findOne({ _id: 'good' }))?.applied, 2);
    assert.deepEqual((await readModel.findOne({ _id: 'good' }))?.eventIds, goodIds.slice(0, 2));
    assert.equal((await readModel.findOne({ _id: 'other' }))?.applied, 1);
    assert.equal(await readModel.findOne({ _id: 'poison' }), null);
    // The whole batch ATTEMPTS times, then the poison alone ATTEMPTS times, then the dead letter.
    assert.deepEqual(poisonTries, [...Array<number>(ATTEMPTS).fill(4), ...Array<number>(ATTEMPTS).fill(1)]);

    const [dlt] = await admin.fetchTopicOffsets(topics[1]);
    assert.equal(dlt.high, '1', 'exactly one dead letter');
    const letters: kafkajs.KafkaMessage[] = [];
    const reader = kafka.consumer({ groupId: `${namespace}-dlt-reader`, maxWaitTimeInMs: 100 });
    await reader.connect();
    await reader.subscribe({ topic: topics[1], fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void letters.push(message) });
    await expectEventually(() => assert.equal(letters.length, 1), { timeoutMs: 30_000 });
    await reader.disconnect();
    const [letter] = letters;
    assert.equal((JSON.parse(letter.value?.toString() ?? '{}') as { eventId?: string }).eventId, poisonId);
    assert.equal(letter.headers?.['dlt-consumer']?.toString(), 'dlt-probe');
    assert.equal(letter.headers?.['dlt-topic']?.toString(), Topics.shares);
    assert.match(letter.headers?.['dlt-reason']?.toString() ?? '', /^handler failed: poison: cannot be applied/);
  });
});
