/** Metadata carried by every stored event: who caused it and in which flow. */
export interface EventMetadata {
  correlationId: string;
  causationId: string | null;
  /** Who did it: a user id, or the name of a service reacting to an event. */
  actor?: string;
  /**
   * The W3C trace context active at the append (set by the store; absent when tracing is off or no
   * span was active): the relay publishes the event in that trace. Never part of the public envelope.
   */
  traceparent?: string;
  tracestate?: string;
}

/** A domain event as a decider emits it. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
}

/**
 * One document per event, `_id` = `streamId@version` (so the unique `_id` index is the
 * optimistic-concurrency check and every lookup of one event is by `_id`).
 */
export interface StoredEvent<TType extends string = string, TData = unknown> {
  _id: string;
  /** Unique per event (a UUID, or derived from the stream for a bulk import): the integration event id. */
  eventId: string;
  streamId: string;
  version: number;
  type: TType;
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
  occurredAt: string;
}

/** Which outbox lane an append takes: bulk imports never hold up live events. */
export type OutboxLane = 'live' | 'bulk';

/** The id of the event at `version` of a stream (also its outbox entry's id). */
export const eventKey = (streamId: string, version: number): string => `${streamId}@${version}`;

/**
 * Every attempt of a command collided at a version the stream never moved past: an append that
 * wrote its outbox entry and stopped there (its writer died or is still writing; the relay drops
 * such an entry after orphanAfterMs). Nothing to decide again on: try later (a 503, not a 409).
 */
export class StreamBusyError extends Error {
  constructor(
    readonly streamId: string,
    options?: { cause?: unknown },
  ) {
    super(`stream ${streamId} has an append under way that does not finish`, options);
    this.name = 'StreamBusyError';
  }
}

/** Another writer appended to the stream first: reload the stream and decide again. */
export class ConcurrencyError extends Error {
  readonly retryable = true;
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    options?: { cause?: unknown },
  ) {
    super(`stream ${streamId} is no longer at version ${expectedVersion}`, options);
    this.name = 'ConcurrencyError';
  }
}
