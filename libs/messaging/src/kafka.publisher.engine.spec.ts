import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Logger, type LoggerService } from '@nestjs/common';
import { ClientKafka } from '@nestjs/microservices';
import { engineUrls, runId } from '#libs/testing';
import { KafkaPublisher } from './kafka.publisher.js';
import { TopicNames } from './topic-names.js';

/** What Nest's logger receives (ClientKafka hands kafkajs's log lines to it). */
class Captured implements LoggerService {
  readonly lines: string[] = [];
  log = (m: unknown) => void this.lines.push(`log ${String(m)}`);
  error = (m: unknown) => void this.lines.push(`error ${String(m)}`);
  warn = (m: unknown) => void this.lines.push(`warn ${String(m)}`);
  debug = (m: unknown) => void this.lines.push(`debug ${String(m)}`);
  verbose = (m: unknown) => void this.lines.push(`verbose ${String(m)}`);
}

const WARNINGS = /Limiting retries for the idempotent producer|switched default partitioner/;

// The publisher's kafkajs producer on the real broker: idempotent without the warnings kafkajs gives
// a producer that limits its retries or leaves the partitioner to its default.
describe('KafkaPublisher: the idempotent producer starts without kafkajs warnings', () => {
  const captured = new Captured();
  Logger.overrideLogger(captured);
  after(() => Logger.overrideLogger(new Logger()));

  it('connects, publishes with acks=all, and kafkajs warned of nothing (a producer with limited retries does warn)', async () => {
    const names = new TopicNames(runId('pub').replace(/[^A-Za-z0-9_-]/g, '_'));
    const publisher = await KafkaPublisher.connect({ brokers: engineUrls.kafkaBrokers, clientId: `${names.namespace}-publisher`, names });
    try {
      await publisher.publish([{ topic: 'probe', key: 'k', value: '{}' }]);
    } finally {
      await publisher.close();
    }
    assert.deepEqual(captured.lines.filter((l) => WARNINGS.test(l)), []);

    // The check can fail: the same client with the retries limited is warned about at connect.
    const limited = new ClientKafka({
      postfixId: '',
      client: { clientId: `${names.namespace}-limited`, brokers: engineUrls.kafkaBrokers },
      producer: { idempotent: true, retry: { retries: 3 } },
      producerOnlyMode: true,
    });
    await limited.connect();
    await limited.close();
    assert.ok(captured.lines.some((l) => /^warn .*Limiting retries for the idempotent producer/.test(l)), captured.lines.join('\n'));
  });
});
