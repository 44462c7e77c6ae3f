import { Logger } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { errorResponse } from '../domain-exception.filter.js';
import { serveMetrics } from '../metrics/metrics.route.js';
import { healthBody, ReadinessRegistry } from '../readiness.js';
import { hardenRequests } from './json-body.parser.js';
import type { InternalRoute } from './internal-route.js';
import { traceHttpRequests } from '../tracing/http-tracing.js';

export interface InternalListenerOptions {
  port: number;
  host: string;
  /** The service's own OpenAPI document (the gateway merges the public paths). */
  document: unknown;
  routes: InternalRoute[];
}

export interface InternalListener {
  url: string;
  close(): Promise<void>;
}

const startedAt = Date.now();
const logger = new Logger('Internal');

/**
 * A service's second HTTP listener, for its operators and the other services only: `/health`
 * (its database answers; launchers wait on it), `/health/live`, `/health/ready` (caught up:
 * database, outbox, consumer lag), `/metrics` (Prometheus), `/openapi.json`, and the service's
 * internal routes. None of these is reachable on the API port the gateway forwards to.
 */
export async function startInternalListener(
  app: NestFastifyApplication,
  options: InternalListenerOptions,
): Promise<InternalListener> {
  const readiness = app.get(ReadinessRegistry);
  const server = new FastifyAdapter({ bodyLimit: 64 * 1024 }).getInstance();
  // Service-to-service calls continue their caller's trace; probes (no traceparent) start none.
  traceHttpRequests(server, { continuedOnly: true });
  hardenRequests(server);
  server.get('/health', async (_req, reply) => {
    const report = await readiness.check();
    return reply.status(report.database.up ? 200 : 503).send(healthBody(report, 'health'));
  });
  server.get('/health/live', async () => ({
    status: 'ok',
    service: readiness.serviceName,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  }));
  server.get('/health/ready', async (_req, reply) => {
    const report = await readiness.check();
    return reply.status(report.ready ? 200 : 503).send(healthBody(report, 'ready'));
  });
  serveMetrics(server);
  server.get('/openapi.json', async () => options.document);
  for (const route of options.routes) {
    server.route({
      method: route.method,
      url: route.path,
      handler: async (req, reply) => {
        const answer = await route.handle({
          params: (req.params ?? {}) as Record<string, string>,
          body: req.body,
        });
        return answer.body === undefined
          ? reply.status(answer.status).send()
          : reply.status(answer.status).send(answer.body);
      },
    });
  }
  server.setErrorHandler(async (error, _req, reply) => {
    const { status, body } = errorResponse(error);
    if (status >= 500) logger.error(error instanceof Error ? error.stack : String(error));
    return reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  });
  server.setNotFoundHandler(async (req, reply) =>
    reply
      .status(404)
      .send({
        statusCode: 404,
        error: 'Not Found',
        message: `No route ${req.method} ${req.url.split('?')[0]}`,
      }),
  );
  await server.listen({ port: options.port, host: options.host });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}
