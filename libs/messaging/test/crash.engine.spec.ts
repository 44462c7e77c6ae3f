import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import kafkajs from 'kafkajs';
import { deadLetterTopic, Topics, type ResultReadV1 } from '#libs/contracts';
import { EventStore, OutboxRelay } from '#libs/event-store';
import { findByIds, MongooseDocumentStore, type DocumentStore } from '#libs/persistence';
import { engineUrls, expectEventually, runId } from '#libs/testing';
import { IntegrationSink, KafkaPublisher, TopicNames } from '../src/index.js';
import { readData } from '../src/delivery.contract.js';
import type { CrashFixtureConfig, FixtureReport, ReadCount } from './crash.shared.js';

const fixture = new URL('./crash.fixture.js', import.meta.url);
const meta = { correlationId: 'crash', causationId: null };

/** A fixture process; `next(stage)` resolves with its report at that stage, or fails if it dies first. */
function start(config: CrashFixtureConfig) {
  const child = fork(fixture, [JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const reports: FixtureReport[] = [];
  const waiting: (() => void)[] = [];
  child.on('message', (m) => {
    reports.push(m as FixtureReport);
    waiting.splice(0).forEach((w) => w());
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    exited,
    next: async <S extends FixtureReport['stage']>(stage: S): Promise<Extract<FixtureReport, { stage: S }>> => {
      for (;;) {
        const found = reports.find((r) => r.stage === stage);
        if (found) return found as Extract<FixtureReport, { stage: S }>;
        const died = await Promise.race([new Promise<false>((r) => waiting.push(() => r(false))), exited]);
        if (died) throw new Error(`the ${config.role} exited (${JSON.stringify(died)}) before "${stage}"`);
      }
    },
  };
}

async function kill(p: { child: ChildProcess; exited: Promise<{ signal: NodeJS.Signals | null }> }): Promise<void> {
  p.child.kill('SIGKILL');
  assert.equal((await p.exited).signal, 'SIGKILL');
}

describe('crashes that kill: relay and consumer as processes, SIGKILLed between two steps', () => {
  const namespace = runId('crash').replace(/[^A-Za-z0-9_-]/g, '_');
  const names = new TopicNames(namespace);
  const brokers = engineUrls.kafkaBrokers;
  const topic = names.topic(Topics.shares);
  const kafka = new kafkajs.Kafka({ clientId: `${namespace}-test`, brokers, logLevel: kafkajs.logLevel.NOTHING });
  const admin = kafka.admin();
  const counter = kafka.consumer({ groupId: `${namespace}-counter`, maxWaitTimeInMs: 100 });
  /** Every message on the topic, by event id, as an outside reader sees it. */
  const onKafka = new Map<string, number>();
  /** The offset of each event's (last) message on the topic. */
  const offsetOf = new Map<string, number>();
  const children: ChildProcess[] = [];
  const opened: DocumentStore[] = [];
  const base = { brokers, mongoUri: engineUrls.mongoUri, namespace };
  const run = (config: Omit<CrashFixtureConfig, keyof typeof base>) => {
    const p = start({ ...base, ...config });
    children.push(p.child);
    return p;
  };
  const open = async (db: string) => {
    const d = await MongooseDocumentStore.connect(engineUrls.mongoUri, db);
    opened.push(d);
    return d;
  };

  before(async () => {
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [topic, names.topic(deadLetterTopic(Topics.shares))].map((t) => ({ topic: t, numPartitions: 1, replicationFactor: 1 })),
    });
    await counter.connect();
    await counter.subscribe({ topic, fromBeginning: true });
    await counter.run({
      eachMessage: async ({ message }) => {
        const id = message.headers?.['event-id']?.toString() ?? '';
        onKafka.set(id, (onKafka.get(id) ?? 0) + 1);
        offsetOf.set(id, Number(message.offset));
      },
    });
  });

  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await counter.disconnect();
    await admin.deleteTopics({ topics: [topic, names.topic(deadLetterTopic(Topics.shares))] }).catch(() => undefined);
    await admin.disconnect();
    for (const d of opened) {
      await d.dropAll().catch(() => undefined);
      await d.close();
    }
  });

  it('a relay killed after publishing and before deleting its outbox entries publishes them again when restarted', async () => {
    const db = runId('crash-relay');
    const store = new EventStore(await open(db));
    await store.init();
    const events = [];
    for (const stream of ['relay-a', 'relay-b']) {
      for (let v = 0; v < 3; v++) events.push(...(await store.append(stream, v, [{ type: 'Read', data: readData(stream) }], meta)));
    }
    const ids = events.map((e) => e.eventId);

    const first = run({ role: 'relay', db, stopAt: 'published' });
    assert.deepEqual((await first.next('published')).eventIds.sort(), [...ids].sort());
    await kill(first);
    assert.equal(await store.outbox.count({}), 6, 'killed before the entries were deleted');
    await expectEventually(() => assert.deepEqual(ids.map((id) => onKafka.get(id)), [1, 1, 1, 1, 1, 1]), { timeoutMs: 20_000 });

    // Restarted: nothing republished by hand, the relay finds the entries and publishes again.
    const second = run({ role: 'relay', db });
    assert.equal((await second.next('drained')).count, 6);
    assert.equal((await second.exited).code, 0);
    assert.equal(await store.outbox.count({}), 0);
    await expectEventually(() => assert.deepEqual(ids.map((id) => onKafka.get(id)), [2, 2, 2, 2, 2, 2]), { timeoutMs: 20_000 });
  });

  it('a consumer killed after its handler wrote the effect and before the inbox recorded it applies each event once after restart', async () => {
    const producer = new EventStore(await open(runId('crash-producer')));
    await producer.init();
    const stream = 'consumer-a';
    const events = [];
    for (let v = 0; v < 6; v++) events.push(...(await producer.append(stream, v, [{ type: 'Read', data: readData(stream) }], meta)));
    const ids = events.map((e) => e.eventId);
    // Published once, in one batch, before the consumer starts.
    const publisher = await KafkaPublisher.connect({ brokers, clientId: `${namespace}-producer`, names });
    await new OutboxRelay(producer, [new IntegrationSink(publisher, (e) => [{ type: 'ResultRead', data: e.data as ResultReadV1 }], 'test')]).drain();
    await publisher.close();
    await expectEventually(() => assert.deepEqual(ids.map((id) => onKafka.get(id)), [1, 1, 1, 1, 1, 1]), { timeoutMs: 20_000 });

    const db = runId('crash-consumer');
    const docs = await open(db);
    const readModel = docs.collection<ReadCount>('read_counts');
    const processed = docs.collection<{ _id: string }>('processed_events');

    const first = run({ role: 'consumer', db, stopAt: 'handled', stopAtEventId: ids[2] });
    assert.equal((await first.next('handled')).eventId, ids[2]);
    await kill(first);
    const midway = await readModel.findOne({ _id: stream });
    assert.equal(midway?._version, 3, 'the effect of the third event was written');
    assert.deepEqual(await findByIds(processed, ids), [], 'and the inbox had recorded nothing');
    // Nor had the group committed an offset past a message whose handling had not finished.
    const [committed] = await admin.fetchOffsets({ groupId: names.group('crash-probe'), topics: [topic] });
    const offset = Number(committed.partitions[0].offset); // the next to read; -1: none committed
    const third = offsetOf.get(ids[2])!;
    assert.ok(offset <= third, `the committed offset ${offset} passes the third event's message (offset ${third}), still in its handler`);

    const second = run({ role: 'consumer', db });
    await expectEventually(async () => {
      assert.equal((await findByIds(processed, ids)).length, 6, 'every event recorded as processed');
      assert.equal((await readModel.findOne({ _id: stream }))?._version, 6);
    }, { timeoutMs: 60_000, intervalMs: 200 });
    const doc = await readModel.findOne({ _id: stream });
    assert.equal(doc?.applied, 6, 'each event took effect once');
    assert.deepEqual(doc?.eventIds, ids);
    assert.deepEqual(ids.map((id) => onKafka.get(id)), [1, 1, 1, 1, 1, 1], 'nothing was republished');
    // Once handled and recorded, the batch is committed: a later restart starts after it.
    const last = offsetOf.get(ids[5])!;
    await expectEventually(async () => {
      const [after] = await admin.fetchOffsets({ groupId: names.group('crash-probe'), topics: [topic] });
      assert.ok(Number(after.partitions[0].offset) > last, `committed ${after.partitions[0].offset}, the last message is at ${last}`);
    }, { timeoutMs: 20_000 });
    await kill(second);
  });
});
