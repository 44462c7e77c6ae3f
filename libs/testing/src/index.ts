export * from './expect-eventually.js';
export * from './token-issuer.js';
export * from './envelopes.js';
export * from './engines.js';
export * from './route-table.js';
export * from './mailbox.js';
export * from './service-harness.js';
export * from './span-recorder.js';
