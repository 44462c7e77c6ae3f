import type { FastifyInstance } from 'fastify';
import { routeList } from '#libs/contracts';

/** `POST /api/v1/...` → its body limit, for the routes of the table that take more than the server's default. */
const limits = new Map<string, number>(routeList().flatMap((r) => (r.bodyLimit ? [[`${r.method} ${r.path}`, r.bodyLimit] as const] : [])));

/**
 * Gives each route that declares a `bodyLimit` in the route table (libs/contracts) that limit, on
 * the gateway and the owning service alike; every other route keeps the server's (64 KB). Must be
 * called before the routes are registered (Fastify's onRoute hook).
 */
export function applyRouteBodyLimits(instance: FastifyInstance): void {
  instance.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const limit = limits.get(`${method} ${route.url}`);
      if (limit) route.bodyLimit = limit;
    }
  });
}
