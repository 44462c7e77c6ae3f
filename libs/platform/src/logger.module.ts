import { LoggerModule } from 'nestjs-pino';
import { requestIdOf } from './request-id.js';

/** Structured logs for one app; the request id is the caller's x-request-id when it is sane. */
export function loggerModule(name: string, level: string) {
  return LoggerModule.forRoot({
    pinoHttp: {
      name,
      level,
      genReqId: (req) => requestIdOf(req.headers),
      autoLogging: level === 'debug',
    },
  });
}
