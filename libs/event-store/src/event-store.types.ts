/** Metadata carried by every stored event: who caused it and in which flow. */
export interface EventMetadata {
  correlationId: string;
  causationId: string | null;
  /** Who did it: a user id, or the name of a service reacting to an event. */
  actor?: string;
}

/** A domain event as a decider emits it. */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  type: TType;
  data: TData;
}

/** One document per event, unique on {streamId, version}. The events collection is also the outbox. */
export interface StoredEvent<TType extends string = string, TData = unknown> {
  _id: string;
  streamId: string;
  version: number;
  type: TType;
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
  occurredAt: string;
  /** Set once every outbox sink (Kafka, local projections) has handled the event. */
  published: boolean;
  /** Written by a bulk import: the relay lets live events overtake it. */
  bulk?: true;
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

/** Turns an old stored shape into the current one (upcasters live beside the events they upgrade). */
export type Upcaster = (event: StoredEvent) => StoredEvent;
