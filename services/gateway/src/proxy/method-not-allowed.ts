import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

interface RouteEntry {
  url: string;
  methods: Set<string>;
  pattern: RegExp;
}

const toPattern = (url: string) =>
  new RegExp(`^${url.split('/').map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}/?$`);

const FALLBACK = { methodNotAllowed: true };
const API_WILDCARD = '/api/v1/*';
const isFallback = (config: unknown): boolean => typeof config === 'object' && config !== null && 'methodNotAllowed' in config;

/**
 * Undeclared methods on a routed path answer 405 with an `Allow` header; paths that route
 * nowhere under /api/v1 stay 404. The answer is given in an onRequest hook, before any body is
 * read (a QUERY or POST without a content type would otherwise be a 400 from the body parser).
 * Call before the app registers its routes (they are recorded as they come), and `seal()` the
 * returned handle after `app.init()`, before listening: it adds the 405 routes for the methods
 * each exact path does not declare.
 */
export function answerMethodNotAllowed(instance: FastifyInstance): { seal(): void } {
  const routes = new Map<string, RouteEntry>();
  instance.addHook('onRoute', (route) => {
    const config: unknown = route.config;
    if (isFallback(config) || route.url.includes('*')) return;
    const entry = routes.get(route.url) ?? { url: route.url, methods: new Set<string>(), pattern: toPattern(route.url) };
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) entry.methods.add(String(method));
    routes.set(route.url, entry);
  });
  const answer = (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0] ?? '';
    const allowed = new Set([...routes.values()].filter((r) => r.pattern.test(path)).flatMap((r) => [...r.methods]));
    if (allowed.size === 0) {
      return reply.status(404).send({ statusCode: 404, error: 'Not Found', code: 'ROUTE.NOT_FOUND', message: `No route ${req.method} ${path}` });
    }
    const allow = [...allowed].sort().join(', ');
    return reply
      .status(405)
      .header('allow', allow)
      .send({ statusCode: 405, error: 'Method Not Allowed', code: 'ROUTE.METHOD_NOT_ALLOWED', message: `${req.method} is not allowed on ${path}; allowed: ${allow}.` });
  };
  instance.addHook('onRequest', async (req, reply) => {
    if (isFallback(req.routeOptions.config) || req.routeOptions.url === API_WILDCARD) return answer(req, reply);
  });
  instance.all(API_WILDCARD, (req, reply) => answer(req, reply));
  return {
    seal() {
      for (const route of routes.values()) {
        const missing = instance.supportedMethods.filter((m) => !route.methods.has(m));
        if (missing.length > 0) instance.route({ method: missing, url: route.url, config: FALLBACK, handler: (req, reply) => answer(req, reply) });
      }
    },
  };
}
