export * from './domain-error.js';
export * from './deterministic-id.js';
