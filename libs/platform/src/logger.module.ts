import { LoggerModule } from 'nestjs-pino';
import { logStream, withService } from './logging/log-stream.js';
import { serviceInContext } from './logging/service-context.js';
import { requestIdOf } from './request-id.js';
import { traceLogFields } from './tracing/trace-log.fields.js';

/**
 * Structured logs for one app; the request id is the caller's x-request-id when it is sane.
 * nestjs-pino keeps one logger per process, built from the first app's options, so the `service`
 * of each line comes from the code's context (logging/service-context.ts), not from `name`.
 * JSON lines, or readable ones at a terminal (logging/log-stream.ts).
 */
export function loggerModule(name: string, level: string) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      formatters: { log: withService(name, serviceInContext) },
      mixin: traceLogFields,
      stream: logStream(),
      genReqId: (req) => requestIdOf(req.headers),
      autoLogging: level === 'debug',
    },
  });
}
