export * from './tracing.config.js';
export * from './tracing.js';
export * from './http-tracing.js';
export * from './trace-log.fields.js';
