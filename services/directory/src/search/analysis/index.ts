export * from './text.js';
export * from './names.js';
export * from './known-names.js';
export * from './search-document.js';
export * from './query.js';
export * from './ranking.js';
export * from './token-index.js';
