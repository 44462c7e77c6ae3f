import { LoggerModule } from 'nestjs-pino';
import { requestIdOf } from './request-id.js';
import { traceLogFields } from './tracing/trace-log.fields.js';

/** Structured logs for one app; the request id is the caller's x-request-id when it is sane. */
export function loggerModule(name: string, level: string) {
  return LoggerModule.forRoot({
    pinoHttp: {
      name,
      level,
      genReqId: (req) => requestIdOf(req.headers),
      mixin: traceLogFields,
      autoLogging: level === 'debug',
    },
  });
}
