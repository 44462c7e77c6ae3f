export * from './routes.js';
export type * from './identity.http.js';
export type * from './results.http.js';
export type * from './directory.http.js';
export type * from './sharing.http.js';
export * from './statement.js';
