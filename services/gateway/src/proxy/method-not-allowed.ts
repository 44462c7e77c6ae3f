import type { FastifyInstance } from 'fastify';

interface RouteEntry {
  methods: string[];
  pattern: RegExp;
}

const toPattern = (url: string) =>
  new RegExp(`^${url.split('/').map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`);

/**
 * Undeclared methods on a routed `/api/v1` path answer 405 with an `Allow` header; paths that
 * route nowhere stay 404. Call before the app registers its routes (it records them as they come).
 */
export function answerMethodNotAllowed(instance: FastifyInstance): void {
  const routes: RouteEntry[] = [];
  instance.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/') || route.url.includes('*')) return;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map(String);
    routes.push({ methods, pattern: toPattern(route.url) });
  });
  instance.all('/api/v1/*', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const allowed = new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods));
    if (allowed.size === 0) {
      return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: `No route ${req.method} ${path}` });
    }
    const allow = [...allowed].sort().join(', ');
    return reply
      .status(405)
      .header('allow', allow)
      .send({ statusCode: 405, error: 'Method Not Allowed', message: `${req.method} is not allowed on ${path}; allowed: ${allow}.` });
  });
}
