import { createRequire } from 'node:module';
import type { DestinationStream } from 'pino';
import type PinoPretty from 'pino-pretty';

const require = createRequire(import.meta.url);
/** One terminal stream per process (embedded mode builds five apps' logger options; pino uses the first). */
let terminalStream: DestinationStream | undefined;

/**
 * Where log lines go: readable lines for a person at a terminal, JSON lines (one object per
 * line) for everything else (files, pipes, container logs, log shippers). pino-pretty is a
 * development dependency, loaded only for a terminal: where it is not installed (the production
 * image), lines stay JSON.
 */
export function logStream(terminal: boolean = process.stdout.isTTY === true): DestinationStream | undefined {
  if (!terminal) return undefined; // pino's default: JSON on stdout
  terminalStream ??= prettyStream();
  return terminalStream;
}

function prettyStream(): DestinationStream | undefined {
  let pretty: typeof PinoPretty;
  try {
    pretty = require('pino-pretty') as typeof PinoPretty;
  } catch {
    return undefined;
  }
  return pretty({
    colorize: true,
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,context,reqId',
    messageFormat: '{service}{if context} [{context}]{end} {msg}{if reqId} (request {reqId}){end}',
  });
}

/** Puts the service in context on every line (`fallback` outside any: the process's own service). */
export const withService =
  (fallback: string, serviceOf: () => string | undefined) =>
  (object: Record<string, unknown>): Record<string, unknown> => ({ service: serviceOf() ?? fallback, ...object });
