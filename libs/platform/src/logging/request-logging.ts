import { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PinoLogger } from 'nestjs-pino';
import { UNMATCHED_ROUTE } from '../metrics/http.metrics.js';

/**
 * Every line logged while a request is handled carries its id (`reqId`: the caller's x-request-id
 * when sane, which the gateway forwards, else a new one; see request-id.ts), and each answer is a
 * debug line. nestjs-pino's own middleware does not run under Nest's Fastify adapter, so this is
 * done with Fastify hooks: the context is entered in onRequest and re-entered in preValidation,
 * because Fastify runs the handler from the request's 'end' event, outside onRequest's context.
 */
export function logRequests(server: FastifyInstance, logger: PinoLogger): void {
  const scopes = new WeakMap<FastifyRequest, AsyncResource>();
  const inScope = (req: FastifyRequest, fn: () => void) => {
    const scope = scopes.get(req);
    if (scope) scope.runInAsyncScope(fn);
    else fn();
  };
  server.addHook('onRequest', (req, _reply, done) => {
    logger.runInContext(
      () => {
        scopes.set(req, new AsyncResource('request-log'));
        done();
      },
      { bindings: { reqId: req.id } },
    );
  });
  server.addHook('preValidation', (req, _reply, done) => inScope(req, done));
  server.addHook('onResponse', (req, reply, done) => {
    inScope(req, () =>
      logger.debug(
        {
          method: req.method,
          route: req.routeOptions.url ?? UNMATCHED_ROUTE,
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime),
        },
        'request completed',
      ),
    );
    done();
  });
}
