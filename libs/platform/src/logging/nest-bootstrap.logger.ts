import type { LoggerService } from '@nestjs/common';

/** Nest's own start-up chatter: modules initialised, every route mapped, "successfully started". */
const BOOTSTRAP_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
  'NestMicroservice',
]);

const contextOf = (params: unknown[]): unknown => params[params.length - 1];

/**
 * The app's logger with Nest's bootstrap info lines moved to debug: about 150 lines per start
 * (one per route) that tell an operator nothing the launcher's banner does not. Everything else
 * passes unchanged; LOG_LEVEL=debug shows them again.
 */
export function quietNestBootstrap(logger: LoggerService): LoggerService {
  return {
    log: (message: unknown, ...params: unknown[]) => {
      const context = contextOf(params);
      if (typeof context === 'string' && BOOTSTRAP_CONTEXTS.has(context)) logger.debug?.(message, ...params);
      else logger.log(message, ...params);
    },
    error: (message: unknown, ...params: unknown[]) => logger.error(message, ...params),
    warn: (message: unknown, ...params: unknown[]) => logger.warn(message, ...params),
    debug: (message: unknown, ...params: unknown[]) => logger.debug?.(message, ...params),
    verbose: (message: unknown, ...params: unknown[]) => logger.verbose?.(message, ...params),
    fatal: (message: unknown, ...params: unknown[]) => logger.fatal?.(message, ...params),
  };
}
