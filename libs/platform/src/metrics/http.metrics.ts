import type { FastifyInstance } from 'fastify';
import { register, type Registry } from 'prom-client';
import { counterOnce, histogramOnce } from './metric-once.js';

/** Seconds; from a cached read (~1 ms) to a request that waits out a slow upstream. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A request that matched no route: one series for all of them, never the raw URL. */
export const UNMATCHED_ROUTE = 'unmatched';

const LABELS = ['service', 'method', 'route', 'status'] as const;

export function httpMetrics(registry: Registry = register) {
  return {
    requests: counterOnce(
      'http_requests_total',
      'HTTP requests answered, by service, method, route pattern (e.g. /api/v1/me/results/:resultId) and status code.',
      LABELS,
      registry,
    ),
    duration: histogramOnce(
      'http_request_duration_seconds',
      'Time from receiving an HTTP request to sending its answer, by service, method, route pattern and status code.',
      LABELS,
      DURATION_BUCKETS,
      registry,
    ),
  };
}

/**
 * Counts and times every answer of a Fastify server (the API listener of a service, the gateway).
 * The route label is the pattern Fastify matched, so ids in paths never make new series.
 */
export function measureHttp(server: FastifyInstance, service: string, registry: Registry = register): void {
  const { requests, duration } = httpMetrics(registry);
  server.addHook('onResponse', async (request, reply) => {
    const labels = {
      service,
      method: request.method,
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });
}
