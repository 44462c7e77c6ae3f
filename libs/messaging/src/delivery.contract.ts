import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { Topics, type ResultReadV1 } from '#libs/contracts';
import { EventStore, OutboxRelay, type OutboxSink, type StoredEvent } from '#libs/event-store';
import type { DocumentStore } from '#libs/persistence';
import { applyVersioned, ProjectionSink, rebuildProjection, type Projection, type VersionedDoc } from '#libs/projections';
import { expectEventually } from '#libs/testing';
import type { DeadLetter, DeadLetters } from './dead-letter.port.js';
import { IntegrationSink } from './integration.sink.js';
import type { MessagePublisher, OutgoingMessage } from './message-publisher.port.js';
import { ProbeModule, type ReadCount } from '../test/delivery.probe.js';

/** What the suite needs from one transport (Kafka, or the in-process bus). */
export interface DeliveryHarness {
  documents: () => Promise<DocumentStore>;
  publisher: MessagePublisher;
  deadLetters: DeadLetters;
  consumerOptions(group: string): MicroserviceOptions;
  /** Dead letters this group produced so far. */
  readDeadLetters(group: string): Promise<DeadLetter[]>;
  close(): Promise<void>;
}

/** A ResultRead payload for tests of delivery (the crash tests use it too). */
export const readData = (shareId: string): ResultReadV1 => ({
  shareId,
  resultId: 'r-1',
  recipientId: 'rc-1',
  organisationId: 'o-1',
  readAt: new Date().toISOString(),
  readBy: 'u-1',
});
const total = (deliveries: Map<string, number>, streams: string[]) => streams.reduce((n, s) => n + (deliveries.get(s) ?? 0), 0);
const mapper = (e: StoredEvent) => [{ type: 'ResultRead' as const, data: e.data as ResultReadV1 }];
const meta = { correlationId: 'corr', causationId: null };

/** Outbox → transport → consumer, at least once in delivery and exactly once in effect. */
export function deliveryContract(name: string, harness: () => Promise<DeliveryHarness>): void {
  describe(`Delivery contract: ${name}`, () => {
    let h: DeliveryHarness;
    let producerDocs: DocumentStore;
    let store: EventStore;
    const prefix = `run${randomUUID().slice(0, 8)}-`;
    const consumers: INestMicroservice[] = [];

    const startConsumer = async (group: string, consumerDocs: DocumentStore, deliveries = new Map<string, number>()) => {
      const app = await NestFactory.createMicroservice(
        ProbeModule.register({ documents: consumerDocs, deadLetters: h.deadLetters, group, prefix, deliveries }),
        { ...h.consumerOptions(group), logger: ['error'] },
      );
      await app.listen();
      consumers.push(app);
      return { app, deliveries };
    };
    const counts = (docs: DocumentStore) => docs.collection<ReadCount>('read_counts');

    before(async () => {
      h = await harness();
      producerDocs = await h.documents();
      store = new EventStore(producerDocs);
      await store.init();
    });
    after(async () => {
      for (const c of consumers) await c.close().catch(() => undefined);
      await producerDocs.dropAll();
      await producerDocs.close();
      await h.close();
    });

    it('a relay that died between append and publish publishes after restart, and the event is applied once', async () => {
      const stream = `${prefix}a`;
      // Appended, then the process "dies": no relay ran.
      await store.append(stream, 0, [{ type: 'Read', data: readData(stream) }], meta);
      await store.append(stream, 1, [{ type: 'Read', data: readData(stream) }], meta);
      const consumerDocs = await h.documents();
      await startConsumer(`${prefix}g-a`, consumerDocs);
      const restarted = new OutboxRelay(store, [new IntegrationSink(h.publisher, mapper, 'test')]);
      assert.ok((await restarted.drain()) >= 2);
      const doc = await expectEventually(async () => {
        const d = await counts(consumerDocs).findOne({ _id: stream });
        assert.equal(d?._version, 2);
        return d;
      }, { timeoutMs: 30_000 });
      assert.equal(doc.applied, 2);
      assert.equal(await store.outbox.count({ _id: { $in: [`${stream}@1`, `${stream}@2`] } }), 0, 'both entries left the outbox');
    });

    it('a relay that died between publish and marking publishes again, and consumers apply it once', async () => {
      const stream = `${prefix}b`;
      const [first] = await store.append(stream, 0, [{ type: 'Read', data: readData(stream) }], meta);
      const consumerDocs = await h.documents();
      const { deliveries } = await startConsumer(`${prefix}g-b`, consumerDocs);
      // What reaches the transport, per event id (before any consumer's dedupe).
      const published = new Map<string, number>();
      const counting: MessagePublisher = {
        publish: async (messages) => {
          await h.publisher.publish(messages);
          for (const m of messages) published.set(m.headers?.['event-id'] ?? '', (published.get(m.headers?.['event-id'] ?? '') ?? 0) + 1);
        },
        close: async () => {},
      };
      const sink = new IntegrationSink(counting, mapper, 'test');
      let crashes = 1;
      const crashAfterPublish: OutboxSink = {
        name: 'crashing',
        handle: async (events) => {
          await sink.handle(events);
          if (crashes-- > 0) throw new Error('process died before marking published');
        },
      };
      const relay = new OutboxRelay(store, [crashAfterPublish]);
      await assert.rejects(relay.drain(), /died/);
      assert.equal(published.get(first.eventId), 1);
      assert.equal(await store.outbox.count({ _id: first._id }), 1, 'the entry waits: it was not marked');
      assert.equal(await relay.drain(), 1, 'the second pass publishes the unmarked event');
      assert.equal(published.get(first.eventId), 2, 'published again, with the same event id');
      assert.equal(await store.outbox.count({ _id: first._id }), 0);
      // A later event on the same stream (same key, same partition) comes after the repeat: once
      // it is applied, the repeat has been seen, and dropped by the inbox before the handler.
      const [later] = await store.append(stream, 1, [{ type: 'Read', data: readData(stream) }], meta);
      await relay.drain();
      const doc = await expectEventually(async () => {
        const d = await counts(consumerDocs).findOne({ _id: stream });
        assert.equal(d?._version, 2);
        return d;
      }, { timeoutMs: 30_000 });
      assert.deepEqual(doc.eventIds, [first.eventId, later.eventId]);
      assert.equal(doc.applied, 2);
      assert.equal(deliveries.get(stream), 2, 'the repeat never reached the handler');
    });

    it('a consumer that dies mid-batch and restarts applies each event once in effect', async () => {
      const streams = Array.from({ length: 4 }, (_, i) => `${prefix}c${i}`);
      const messages: OutgoingMessage[] = [];
      for (const stream of streams) {
        for (let v = 0; v < 5; v++) {
          const [e] = await store.append(stream, v, [{ type: 'Read', data: readData(stream) }], meta);
          const captured: OutgoingMessage[] = [];
          await new IntegrationSink({ publish: async (m) => void captured.push(...m), close: async () => {} }, mapper, 't').handle([e]);
          messages.push(...captured);
        }
      }
      const consumerDocs = await h.documents();
      const group = `${prefix}g-c`;
      const first = await startConsumer(group, consumerDocs);
      await h.publisher.publish(messages.slice(0, 10));
      await expectEventually(() => assert.ok(total(first.deliveries, streams) >= 3), { timeoutMs: 30_000 });
      await first.app.close(); // dies mid-way
      const second = await startConsumer(group, consumerDocs);
      // What it had not acknowledged comes again (the relay re-publishes unmarked events), with the rest.
      await h.publisher.publish(messages);
      await expectEventually(async () => {
        const docs = await counts(consumerDocs).find({ _id: { $in: streams } });
        assert.equal(docs.length, 4);
        assert.ok(docs.every((d) => d._version === 5 && d.applied === 5 && new Set(d.eventIds).size === 5));
      }, { timeoutMs: 40_000 });
      assert.ok(total(first.deliveries, streams) + total(second.deliveries, streams) <= 20, 'repeats were dropped before the handler');
    });

    it('malformed and schema-violating messages go to the dead letters; the consumer goes on', async () => {
      const consumerDocs = await h.documents();
      const group = `${prefix}g-d`;
      await startConsumer(group, consumerDocs);
      const stream = `${prefix}d`;
      const bad = JSON.stringify({ eventId: randomUUID(), type: 'ResultRead', version: 1, data: { shareId: 1, run: prefix } });
      await h.publisher.publish([
        { topic: Topics.shares, key: stream, value: `this is not JSON ${prefix}` },
        { topic: Topics.shares, key: stream, value: bad },
      ]);
      const [e] = await store.append(stream, 0, [{ type: 'Read', data: readData(stream) }], meta);
      await new IntegrationSink(h.publisher, mapper, 'test').handle([e]);
      await expectEventually(async () => assert.equal((await counts(consumerDocs).findOne({ _id: stream }))?.applied, 1), { timeoutMs: 30_000 });
      const letters = await expectEventually(async () => {
        // The group reads the topic from the start: earlier runs' poison messages are dead-lettered too.
        const l = (await h.readDeadLetters(group)).filter((d) => String(d.payload).includes(prefix));
        assert.equal(l.length, 2);
        return l;
      }, { timeoutMs: 30_000 });
      assert.ok(letters.every((l) => /invalid message/.test(l.reason)));
    });

    it('a projection rebuilt from zero equals the live one', async () => {
      interface Tally extends VersionedDoc { reads: number; last: string }
      const docs = await h.documents();
      const ownStore = new EventStore(docs);
      await ownStore.init();
      const live = docs.collection<Tally>(`tally_live`);
      const rebuilt = docs.collection<Tally>(`tally_rebuilt`);
      const projectionOn = (c: typeof live): Projection => ({
        name: 'tally',
        apply: async (e) => {
          if (e.streamId.startsWith(prefix)) await applyVersioned(c, e.streamId, e.version, e, (d, ev) => ({ reads: (d?.reads ?? 0) + 1, last: ev._id }));
        },
        reset: async () => void (await c.deleteMany({})),
      });
      const relay = new OutboxRelay(ownStore, [new ProjectionSink([projectionOn(live)])]);
      for (let i = 0; i < 6; i++) {
        await ownStore.append(`${prefix}p${i % 3}`, Math.floor(i / 3), [{ type: 'Read', data: readData('p') }], meta);
        if (i % 2 === 0) await relay.drain();
      }
      await relay.drain();
      await rebuildProjection(ownStore, projectionOn(rebuilt));
      const sort = { sort: { _id: 1 as const } };
      assert.deepEqual(await rebuilt.find({}, sort), await live.find({}, sort));
      assert.equal(await live.count(), 3);
      assert.ok((await live.find({})).every((d) => d.reads === 2 && d._version === 2));
      await docs.dropAll();
      await docs.close();
    });
  });
}
