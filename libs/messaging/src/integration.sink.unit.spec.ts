import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { Topics, type ResultReadV1 } from '#libs/contracts';
import type { StoredEvent } from '#libs/event-store';
import { IntegrationSink } from './integration.sink.js';
import type { OutgoingMessage } from './message-publisher.port.js';

const readData = (shareId: string): ResultReadV1 => ({ shareId, resultId: 'r-1', recipientId: 'rc-1', organisationId: 'o-1', readAt: '2026-01-02T03:04:05.000Z', readBy: 'u-1' });
const stored = (streamId: string, version: number, data: unknown): StoredEvent => ({
  _id: `${streamId}@${version}`,
  eventId: `0b3c${version}e6a-1111-4222-8333-${String(version).padStart(12, '0')}`,
  streamId,
  version,
  type: 'Read',
  schemaVersion: 1,
  data,
  metadata: { correlationId: 'corr-1', causationId: 'cause-1' },
  occurredAt: '2026-01-02T03:04:05.000Z',
});

describe('IntegrationSink', () => {
  it('publishes each draft as a validated envelope keyed by aggregate, the first with the event id and the next ones with ids derived from it', async () => {
    const sent: OutgoingMessage[] = [];
    const sink = new IntegrationSink({ publish: async (m) => void sent.push(...m), close: async () => undefined }, (e) => [
      { type: 'ResultRead', data: e.data as ResultReadV1 },
      { type: 'ResultRead', data: { ...(e.data as ResultReadV1), readBy: 'u-2' } },
    ], 'sharing');
    assert.equal(sink.name, 'integration-events');
    const event = stored('share-1', 2, readData('share-1'));
    await sink.handle([event]);
    await sink.handle([event]);
    assert.equal(sent.length, 4);
    const [first, second] = sent;
    const derived = createHash('sha256').update(`${event.eventId}:1`).digest('hex').slice(0, 32);
    assert.deepEqual([first.topic, first.key, first.headers], [Topics.shares, 'share-1', { 'event-type': 'ResultRead', 'event-version': '1', 'event-id': event.eventId }]);
    assert.equal(second.headers?.['event-id'], derived);
    assert.deepEqual(sent.slice(2).map((m) => m.headers?.['event-id']), [event.eventId, derived], 'the same ids when published again');
    const envelope = JSON.parse(first.value) as Record<string, unknown>;
    assert.deepEqual(envelope, {
      eventId: event.eventId,
      type: 'ResultRead',
      version: 1,
      occurredAt: event.occurredAt,
      aggregateId: 'share-1',
      aggregateVersion: 2,
      correlationId: 'corr-1',
      causationId: 'cause-1',
      producer: 'sharing',
      data: readData('share-1'),
    });
  });

  it('a draft that breaks its contract stops the batch: nothing of it is published', async () => {
    const sent: OutgoingMessage[] = [];
    const sink = new IntegrationSink({ publish: async (m) => void sent.push(...m), close: async () => undefined }, (e) => [{ type: 'ResultRead', data: e.data as ResultReadV1 }], 'sharing');
    await assert.rejects(sink.handle([stored('share-2', 1, readData('share-2')), stored('share-3', 1, { shareId: 42 })]));
    assert.deepEqual(sent, []);
  });
});
