export * from './principal.js';
export * from './jwks.cache.js';
export * from './jwt.strategy.js';
export * from './guards.js';
export { AuthCheckErrors } from './auth.errors.js';
export * from './auth.module.js';
