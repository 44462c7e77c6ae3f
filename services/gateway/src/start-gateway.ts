import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  DomainExceptionFilter,
  hardenRequests,
  observeHttp,
  requestIdOf,
  runAsService,
  serviceLogger,
  startMetricsListener,
  traceHttpRequests,
  validationPipe,
  type RunningService,
} from '#libs/platform';
import type { GatewayConfig } from './gateway.config.js';
import { GatewayModule } from './gateway.module.js';
import { servePortal } from './portal/portal-delivery.js';
import { answerMethodNotAllowed } from './proxy/method-not-allowed.js';

const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

export interface GatewayStartOptions {
  /**
   * Where the gateway's own `/metrics` is served (distributed mode: PORT + 1000), never on its
   * public port. Unset (embedded mode): the services' internal listeners serve the process's metrics.
   */
  metricsPort?: number;
}

/** Starts the gateway (both modes): the API on /api, the portal on /, with an SPA fallback. Its log lines name it. */
export function startGateway(config: GatewayConfig, port: number, host = '127.0.0.1', options: GatewayStartOptions = {}): Promise<RunningService> {
  return runAsService('gateway', () => start(config, port, host, options));
}

async function start(config: GatewayConfig, port: number, host: string, options: GatewayStartOptions): Promise<RunningService> {
  // X-Forwarded-For counts only from the configured proxies (none by default): the rate limits key on req.ip.
  // The request id (forwarded to the services, answered as x-request-id, the events' correlation id):
  // the caller's x-request-id when sane, otherwise a new UUID; never Fastify's per-process counter (req-1, req-2...).
  const adapter = new FastifyAdapter({
    bodyLimit: 64 * 1024,
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy.join(',') : false,
    genReqId: (req: IncomingMessage) => requestIdOf(req.headers),
  });
  // Nest's own JSON parser is replaced by the hardened one (depth limit, text policy).
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.register(config), adapter, { bufferLogs: true, bodyParser: false });
  hardenRequests(adapter.getInstance());
  traceHttpRequests(adapter.getInstance());
  const methods = answerMethodNotAllowed(adapter.getInstance());
  await observeHttp(app, 'gateway');
  app.useLogger(serviceLogger(app));
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new DomainExceptionFilter());
  await app.register(fastifyStatic, { root: swaggerUiDir, prefix: '/api/docs/assets/', decorateReply: false });
  const portalDir = config.portalDir;
  if (portalDir && existsSync(join(portalDir, 'index.html'))) {
    await servePortal(app, portalDir);
  }
  await app.init();
  methods.seal();
  await app.listen(port, host);
  const address = app.getHttpServer().address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://127.0.0.1:${actualPort}`;
  const metrics =
    options.metricsPort === undefined
      ? null
      : await startMetricsListener(options.metricsPort, host).catch(async (error: unknown) => {
          await app.close();
          throw error;
        });
  // The gateway's /health and /health/ready are public: it has no separate internal listener.
  return {
    name: 'gateway',
    app,
    url,
    internalUrl: url,
    close: () =>
      runAsService('gateway', async () => {
        await metrics?.close();
        await app.close();
      }),
  };
}
