import type { OutboxLane, StoredEvent } from './event-store.types.js';

export const OUTBOX_COLLECTION = 'outbox';

/**
 * An event waiting for the outbox relay (`_id` = the event's `_id`). The collection holds only
 * what is not yet published, so the relay's scans of it stay small however many events exist.
 */
export interface OutboxEntry {
  _id: string;
  lane: OutboxLane;
  event: StoredEvent;
}
