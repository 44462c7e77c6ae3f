import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, register } from 'prom-client';

let collecting = false;

/**
 * `GET /metrics` in Prometheus's text format: prom-client's default registry (one per process,
 * shared by the apps of embedded mode), with the process's own metrics (CPU, memory, event loop).
 */
export function serveMetrics(server: FastifyInstance): void {
  if (!collecting) {
    collectDefaultMetrics();
    collecting = true;
  }
  server.get('/metrics', async (_req, reply) =>
    reply.header('content-type', register.contentType).send(await register.metrics()),
  );
}
