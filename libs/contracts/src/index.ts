export * from './envelope.js';
export * from './topics.js';
export * from './registry.js';
export * from './validation.js';
export * from './events/common.schema.js';
export * from './events/results.events.js';
export * from './events/directory.events.js';
export * from './events/sharing.events.js';
