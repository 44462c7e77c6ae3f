export * from './versioned-projection.js';
export * from './projection.js';
