import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig, type ServiceName } from '../gateway.config.js';
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
  body: Buffer;
}

// Kept-alive connections to the services: node:http costs the gateway far less CPU per request
// than fetch (measured: the gateway was the largest CPU cost on top of the service's own).
const agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });

interface Target {
  host: string;
  port: number;
  path: string;
}

/** One request to a service: its status, headers and whole body, or an error within 30 s. */
function send(target: Target, method: string, headers: Record<string, string>, payload: Buffer | null): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    // host, port and path given apart: nothing re-normalises the path (no WHATWG URL parsing).
    const call = request({ ...target, method, headers, agent, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    call.on('timeout', () => call.destroy(new Error('timed out after 30 s')));
    call.on('error', reject);
    call.end(payload ?? undefined);
  });
}

/** Forwards a public API call to the service that owns it, with the request id and the caller's address. */
@Injectable()
export class ServiceProxy {
  private readonly logger = new Logger('ServiceProxy');

  private readonly origins: Record<ServiceName, { host: string; port: number }>;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    const origin = (base: string) => {
      const url = new URL(base);
      return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80) };
    };
    this.origins = {
      identity: origin(config.services.identity),
      results: origin(config.services.results),
      directory: origin(config.services.directory),
      sharing: origin(config.services.sharing),
    };
  }

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
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && req.body !== undefined;
    let response: Upstream;
    try {
      const payload = hasBody ? Buffer.from(JSON.stringify(req.body)) : null;
      if (payload) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(payload.length);
      }
      response = await send({ ...this.origins[service], path }, req.method, headers, payload);
    } catch (error) {
      this.logger.error(`${service} unreachable: ${(error as Error).message}`);
      reply
        .status(503)
        .header('x-request-id', requestId)
        .send({ statusCode: 503, error: 'Service Unavailable', code: 'SERVICE.UNAVAILABLE', message: `The ${service} service is not answering; please try again shortly.` });
      return;
    }
    reply.status(response.status).header('x-request-id', requestId);
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = response.headers[name];
      if (typeof value === 'string' && name !== 'content-length') reply.header(name, value);
    }
    reply.send(response.status === 204 ? undefined : response.body);
  }
}
