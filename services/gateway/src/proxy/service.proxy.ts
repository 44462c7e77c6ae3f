import { randomUUID } from 'node:crypto';
import { Agent, request, type IncomingMessage } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import { injectTraceContext } from '#libs/trace-context';
import type { ServiceName } from '../gateway.config.js';
import { UpstreamPool } from '../upstreams/upstream-pool.js';
import { upstreamPath } from './upstream-path.js';

export interface ProxiedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  id?: unknown;
  /** The matched route (Fastify): its pattern, e.g. `/api/v1/verification/:code`. */
  routeOptions?: { url?: string | undefined };
  params?: unknown;
  query?: unknown;
  /** The client's address as the gateway determined it (TRUST_PROXY decides whether X-Forwarded-For counts). */
  ip?: string;
}

export interface ProxiedReply {
  status(code: number): ProxiedReply;
  header(name: string, value: string): ProxiedReply;
  send(body: unknown): ProxiedReply | void;
}

const FORWARDED_REQUEST_HEADERS = ['authorization', 'content-type', 'accept', 'accept-language', 'user-agent'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-disposition', 'content-length', 'retry-after', 'cache-control'];

interface Upstream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The whole body, or the response itself for a streamed one (see STREAMED). */
  body: Buffer | IncomingMessage;
}

/** Answers passed on as they arrive instead of whole (an organisation's CSV export: flat memory here too). */
const STREAMED = /^text\/csv\b/i;

// Kept-alive connections to the services: node:http costs the gateway far less CPU per request
// than fetch (measured: the gateway was the largest CPU cost on top of the service's own).
const agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });

const TIMEOUT_MS = 30_000;
/** Seconds a client is asked to wait when no instance of a service answers (every 503 the gateway makes). */
export const RETRY_AFTER_SECONDS = 2;

interface Target {
  host: string;
  port: number;
  path: string;
}

/** Why a call got no answer; `answered`: some of the response had arrived (never retried). */
class UpstreamFailure extends Error {
  constructor(
    readonly code: string,
    readonly answered: boolean,
    message: string,
  ) {
    super(message);
  }
}

/** One request to a service: its status, headers and whole body, or an UpstreamFailure within 30 s. */
function send(target: Target, method: string, headers: Record<string, string>, payload: Buffer | null): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const fail = (error: Error) => {
      const code = error instanceof UpstreamFailure ? error.code : ((error as NodeJS.ErrnoException).code ?? 'ERROR');
      reject(error instanceof UpstreamFailure ? error : new UpstreamFailure(code, answered, error.message));
    };
    // host, port and path given apart: nothing re-normalises the path (no WHATWG URL parsing).
    const call = request({ ...target, method, headers, agent, timeout: TIMEOUT_MS }, (res) => {
      answered = true;
      if (STREAMED.test(String(res.headers['content-type'] ?? ''))) {
        resolve({ status: res.statusCode ?? 502, headers: res.headers, body: res });
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    });
    call.on('timeout', () => call.destroy(new UpstreamFailure('ETIMEDOUT', answered, `no answer within ${TIMEOUT_MS / 1000} s`)));
    call.on('error', fail);
    call.end(payload ?? undefined);
  });
}

// The service never saw a refused connection; a reset or hang-up before any byte of the answer may
// come after the request was read, so only a GET or HEAD (no effect) is retried then.
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
/**
 * Fastify's answer while an instance drains after SIGTERM (return503OnClosing): given before any
 * route ran, so the request had no effect and goes to another instance, whatever its method.
 */
const CLOSING_BODY = '{"error":"Service Unavailable","message":"Service Unavailable","statusCode":503}';
export function closingAnswer(response: { status: number; body: Buffer | IncomingMessage }): boolean {
  return response.status === 503 && Buffer.isBuffer(response.body) && response.body.toString() === CLOSING_BODY;
}

function retryable(failure: UpstreamFailure, method: string): boolean {
  if (failure.answered) return false;
  if (failure.code === 'ECONNREFUSED') return true;
  return (method === 'GET' || method === 'HEAD') && RESET_CODES.has(failure.code);
}

/** Forwards a public API call to an instance of the service that owns it, with the request id and the caller's address. */
@Injectable()
export class ServiceProxy {
  private readonly logger = new Logger('ServiceProxy');

  constructor(private readonly pool: UpstreamPool) {}

  /** Forwards the matched route only: the path is rebuilt from its pattern and parameters (see upstream-path.ts). */
  async forward(service: ServiceName, req: ProxiedRequest, reply: ProxiedReply): Promise<void> {
    const requestId = typeof req.id === 'string' ? req.id : randomUUID();
    const pattern = req.routeOptions?.url;
    const path = pattern ? upstreamPath(pattern, (req.params ?? {}) as Record<string, string>, req.query as Record<string, unknown> | undefined) : null;
    if (path === null) {
      reply
        .status(404)
        .header('x-request-id', requestId)
        .send({ statusCode: 404, error: 'Not Found', code: 'ROUTE.NOT_FOUND', message: 'No such resource: a path segment is not a valid identifier.' });
      return;
    }
    const headers: Record<string, string> = { 'x-request-id': requestId };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    // The address the gateway determined itself, never the client's own header (the services trust the gateway).
    if (req.ip) headers['x-forwarded-for'] = req.ip;
    // The request's trace goes on in the service (W3C traceparent; nothing when tracing is off).
    injectTraceContext(headers);
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && req.body !== undefined;
    const payload = hasBody ? Buffer.from(JSON.stringify(req.body)) : null;
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const tried = new Set<string>();
    let failure: UpstreamFailure | null = null;
    // At most two instances: the first, and another ready one when the first never saw the request.
    for (let attempt = 0; attempt < 2; attempt++) {
      const instance = this.pool.pick(service, tried);
      if (!instance) break;
      tried.add(instance.url);
      try {
        const response = await send({ host: instance.host, port: instance.port, path }, req.method, headers, payload);
        if (closingAnswer(response)) {
          // The instance is stopping (the drills' SIGTERM of identity): the next one takes it.
          this.logger.warn(`${service} instance ${instance.url} is closing: the request goes to another`);
          this.pool.markDown(instance);
          failure = new UpstreamFailure('CLOSING', false, 'the instance is closing');
          continue;
        }
        reply.status(response.status).header('x-request-id', requestId).header('x-served-by', instance.id);
        for (const name of FORWARDED_RESPONSE_HEADERS) {
          const value = response.headers[name];
          if (typeof value === 'string' && name !== 'content-length') reply.header(name, value);
        }
        // Every 503 says when to come back, whoever made it.
        if (response.status === 503 && typeof response.headers['retry-after'] !== 'string') reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        reply.send(response.status === 204 ? undefined : response.body);
        return;
      } catch (error) {
        failure = error instanceof UpstreamFailure ? error : new UpstreamFailure('ERROR', true, (error as Error).message);
        this.logger.error(`${service} instance ${instance.url}: ${failure.code} ${failure.message}`);
        if (!failure.answered && failure.code !== 'ETIMEDOUT') this.pool.markDown(instance);
        if (!retryable(failure, req.method)) break;
      }
    }
    const timedOut = failure?.code === 'ETIMEDOUT';
    reply
      .status(503)
      .header('x-request-id', requestId)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .send({
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'SERVICE.UNAVAILABLE',
        message: timedOut
          ? `The ${service} service did not answer within ${TIMEOUT_MS / 1000} s; please try again shortly.`
          : `The ${service} service is not answering; please try again shortly.`,
      });
  }
}
