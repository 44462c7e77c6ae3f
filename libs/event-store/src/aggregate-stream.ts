import type { DomainEvent, StoredEvent } from './event-store.types.js';

declare const eventsOfStream: unique symbol;

/** The id of one stream of an aggregate whose events are E (a string, typed by what it holds). */
export type StreamId<E extends DomainEvent> = string & { readonly [eventsOfStream]: E };

/** The stored form of each event of the union E (type and data kept together). */
export type StoredOf<E extends DomainEvent> = E extends DomainEvent<infer T, infer D> ? StoredEvent<T, D> : never;

/**
 * One aggregate's streams, `<prefix><key>`: the only place that says which events a stream holds.
 * Reads through a typed id come back typed (EventStore.read, runDecider), and `owns` tells a
 * projection or a mapper whether a stored event is one of E, so nothing downstream casts.
 */
export interface AggregateStream<E extends DomainEvent> {
  readonly prefix: string;
  /** The stream of the aggregate with this key. */
  id(key: string): StreamId<E>;
  /** Whether an id names one of this aggregate's streams. */
  isId(streamId: string): streamId is StreamId<E>;
  /** Whether a stored event belongs to one of this aggregate's streams (then it is one of E). */
  owns(event: StoredEvent): event is StoredOf<E>;
}

export function aggregateStream<E extends DomainEvent>(prefix: string): AggregateStream<E> {
  if (prefix.length === 0) throw new Error('an aggregate stream needs a prefix');
  const isId = (streamId: string): streamId is StreamId<E> => streamId.startsWith(prefix) && streamId.length > prefix.length;
  return {
    prefix,
    id: (key) => {
      if (key.length === 0) throw new Error(`an empty key for a ${prefix} stream`);
      return `${prefix}${key}` as StreamId<E>;
    },
    isId,
    owns: (event): event is StoredOf<E> => isId(event.streamId),
  };
}

/** Folds a stream's history into state with a decider's evolve (events as stored, typed by the stream). */
export function fold<E extends DomainEvent, S>(history: readonly StoredOf<E>[], evolve: (state: S, event: E) => S, initial: S): S {
  return history.reduce<S>((state, event) => evolve(state, event as unknown as E), initial);
}

type EventsOf<A> = A extends AggregateStream<infer E> ? E : never;

/** A stored event as one of the events of these aggregates (a mapper's input); a stream none of them owns is a bug. */
export function eventOf<A extends AggregateStream<DomainEvent>[]>(event: StoredEvent, ...streams: A): StoredOf<EventsOf<A[number]>> {
  if (!streams.some((stream) => stream.owns(event))) {
    throw new Error(`${event.streamId} is not a stream of ${streams.map((s) => s.prefix).join(', ')}`);
  }
  return event as StoredOf<EventsOf<A[number]>>;
}
