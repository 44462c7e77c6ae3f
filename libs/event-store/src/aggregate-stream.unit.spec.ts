import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aggregateStream, eventOf, fold } from './aggregate-stream.js';
import type { DomainEvent, StoredEvent } from './event-store.types.js';

type Opened = DomainEvent<'Opened', { by: string }>;
type Closed = DomainEvent<'Closed', { at: string }>;
const doors = aggregateStream<Opened | Closed>('door-');
const windows = aggregateStream<DomainEvent<'Cleaned', { side: string }>>('window-');
const stored = (streamId: string, version: number, type: string, data: unknown): StoredEvent => ({
  _id: `${streamId}@${version}`,
  eventId: `e-${streamId}-${version}`,
  streamId,
  version,
  type,
  schemaVersion: 1,
  data,
  metadata: { correlationId: 'c', causationId: null },
  occurredAt: '2026-01-01T00:00:00.000Z',
});

describe('aggregateStream', () => {
  it('names a stream by prefix and key, and refuses an empty prefix or key', () => {
    assert.equal(doors.id('front'), 'door-front');
    assert.equal(doors.prefix, 'door-');
    assert.throws(() => aggregateStream(''), /needs a prefix/);
    assert.throws(() => doors.id(''), /an empty key for a door- stream/);
  });

  it('knows its own ids and events, and no others', () => {
    assert.equal(doors.isId('door-front'), true);
    assert.equal(doors.isId('door-'), false);
    assert.equal(doors.isId('window-front'), false);
    assert.equal(doors.isId('xdoor-front'), false);
    assert.equal(doors.owns(stored('door-front', 1, 'Opened', { by: 'a' })), true);
    assert.equal(doors.owns(stored('window-front', 1, 'Cleaned', { side: 'in' })), false);
  });

  it('eventOf answers the event when one of the streams owns it, and throws naming them otherwise', () => {
    const e = stored('window-1', 1, 'Cleaned', { side: 'in' });
    assert.equal(eventOf(e, doors, windows), e);
    assert.throws(() => eventOf(stored('roof-1', 1, 'Fixed', {}), doors, windows), /roof-1 is not a stream of door-, window-/);
  });

  it('fold evolves from the initial state through the history in order', () => {
    const history = [stored('door-1', 1, 'Opened', { by: 'ann' }), stored('door-1', 2, 'Closed', { at: 'noon' }), stored('door-1', 3, 'Opened', { by: 'bo' })].filter(doors.owns);
    const log = fold(history, (s: string[], e: Opened | Closed) => [...s, e.type === 'Opened' ? `opened by ${e.data.by}` : `closed at ${e.data.at}`], ['built']);
    assert.deepEqual(log, ['built', 'opened by ann', 'closed at noon', 'opened by bo']);
  });
});
