export * from './trace-context.js';
export * from './traced-span.js';
