import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PinoLogger } from 'nestjs-pino';
import { logRequests } from '../logging/request-logging.js';
import { measureHttp } from '../metrics/http.metrics.js';

/** An app's HTTP answers, seen from outside: counted and timed by route (/metrics), their log lines tagged with the request id. */
export async function observeHttp(app: NestFastifyApplication, service: string): Promise<void> {
  const server = app.getHttpAdapter().getInstance();
  measureHttp(server, service);
  logRequests(server, await app.resolve(PinoLogger));
}
