export * from './event-store.types.js';
export * from './event.store.js';
export * from './outbox.relay.js';
export * from './decider.js';
export * from './outbox.entry.js';
export * from './aggregate-stream.js';
