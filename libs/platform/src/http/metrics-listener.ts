import { FastifyAdapter } from '@nestjs/platform-fastify';
import { serveMetrics } from '../metrics/metrics.route.js';
import type { InternalListener } from './internal-listener.js';

/**
 * A listener with `/metrics` only, for a process that has no internal listener of its own (the
 * gateway in distributed mode: its public port must not show its metrics).
 */
export async function startMetricsListener(port: number, host: string): Promise<InternalListener> {
  const server = new FastifyAdapter().getInstance();
  serveMetrics(server);
  await server.listen({ port, host });
  const address = server.server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { url: `http://127.0.0.1:${actual}`, close: () => server.close() };
}
