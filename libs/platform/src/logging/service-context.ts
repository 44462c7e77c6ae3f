import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which service the running code belongs to. In embedded mode the four services and the gateway
 * share one process, one pino logger and Nest's one static Logger, so a log line learns its
 * service from here: each app is created, started and stopped inside `runAsService`, and what
 * it starts (HTTP listeners, timers, consumers) carries the name on.
 */
const current = new AsyncLocalStorage<string>();

export function runAsService<T>(service: string, fn: () => T): T {
  return current.run(service, fn);
}

export function serviceInContext(): string | undefined {
  return current.getStore();
}
