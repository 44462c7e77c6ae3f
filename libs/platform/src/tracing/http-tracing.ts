import { context, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { extractTraceContext, hasTrace, SpanKind, tracer } from '#libs/trace-context';
import { tracingStarted } from './tracing.js';

export interface HttpTracingOptions {
  /** Only requests that continue a trace (a `traceparent` header): an internal listener's probes start none. */
  continuedOnly?: boolean;
}

/**
 * A server span for each request, named after its route (`POST /api/v1/me/shares`), child of the
 * caller's `traceparent` when there is one (`/health*` only then). The later hooks and the route's
 * handler run inside it (entered in onRequest, and again in preHandler: the body is read outside
 * any context), so their logs, outgoing calls and appended events carry it.
 */
export function traceHttpRequests(server: FastifyInstance, options: HttpTracingOptions = {}): void {
  // Tracing off: no hooks at all (nothing to record, nothing to propagate).
  if (!tracingStarted()) return;
  const spans = new WeakMap<FastifyRequest, Span>();
  server.addHook('onRequest', (req, _reply, done) => {
    const parent = extractTraceContext(req.headers);
    const route = req.routeOptions.url ?? req.url.split('?')[0];
    // Health probes (a load balancer's, every second) start no trace of their own.
    if ((options.continuedOnly || route.startsWith('/health')) && !hasTrace(parent)) return done();
    const attributes = { 'http.request.method': req.method, 'http.route': route, 'url.path': req.url.split('?')[0] };
    const span = tracer().startSpan(`${req.method} ${route}`, { kind: SpanKind.SERVER, attributes }, parent);
    spans.set(req, span);
    // The hooks after this one (a request's log scope) run, and capture their context, inside the span.
    context.with(trace.setSpan(parent, span), done);
  });
  server.addHook('preHandler', (req, _reply, done) => {
    const span = spans.get(req);
    if (!span) return done();
    context.with(trace.setSpan(context.active(), span), done);
  });
  server.addHook('onResponse', (req, reply, done) => {
    const span = spans.get(req);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}
