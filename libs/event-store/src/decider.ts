import { fold, type StreamId } from './aggregate-stream.js';
import type { EventStore } from './event.store.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConcurrencyError, StreamBusyError, type DomainEvent, type EventMetadata, type StoredEvent } from './event-store.types.js';

/** Business logic as plain functions (emmett style): no framework, no I/O. */
export interface Decider<TCommand, TEvent extends DomainEvent, TState> {
  decide(command: TCommand, state: TState): TEvent[];
  evolve(state: TState, event: TEvent): TState;
  initialState: TState;
}

export interface Decision<TState> {
  /** The events this command appended (empty when it changed nothing, e.g. an idempotent repeat). */
  appended: StoredEvent[];
  state: TState;
  version: number;
  /** State before the command. */
  previous: TState;
}

/**
 * Loads a stream, folds it, decides, appends at the version read; on a concurrency conflict
 * reloads and decides again (a few times), so two racing commands both see each other's result.
 */
export async function runDecider<TCommand, TEvent extends DomainEvent, TState>(
  store: EventStore,
  streamId: StreamId<TEvent>,
  decider: Decider<TCommand, TEvent, TState>,
  command: TCommand,
  metadata: EventMetadata,
  attempts = 5,
): Promise<Decision<TState>> {
  let firstVersion = -1;
  for (let attempt = 1; ; attempt++) {
    // A short pause before each retry lets a writer that is mid-append finish.
    if (attempt > 1) await sleep(25 * (attempt - 1));
    const history = await store.readStream(streamId);
    if (attempt === 1) firstVersion = history.length;
    const previous = fold(history, decider.evolve, decider.initialState);
    const events = decider.decide(command, previous);
    try {
      const appended = await store.append(streamId, history.length, events, metadata);
      const state = events.reduce((s, e) => decider.evolve(s, e), previous);
      return { appended, state, version: history.length + events.length, previous };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      if (attempt >= attempts) throw history.length === firstVersion ? new StreamBusyError(streamId, { cause: error }) : error;
    }
  }
}
