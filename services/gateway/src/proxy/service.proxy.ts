import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig, type ServiceName } from '../gateway.config.js';

export interface ProxiedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  id?: unknown;
}

export interface ProxiedReply {
  status(code: number): ProxiedReply;
  header(name: string, value: string): ProxiedReply;
  send(body: unknown): ProxiedReply | void;
}

const FORWARDED_REQUEST_HEADERS = ['authorization', 'content-type', 'accept', 'accept-language', 'user-agent'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-disposition', 'content-length', 'retry-after', 'cache-control'];

/** Forwards a public API call to the service that owns it, with the request id and the caller's address. */
@Injectable()
export class ServiceProxy {
  private readonly logger = new Logger('ServiceProxy');

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  async forward(service: ServiceName, req: ProxiedRequest, reply: ProxiedReply): Promise<void> {
    const requestId = typeof req.id === 'string' ? req.id : randomUUID();
    const headers: Record<string, string> = { 'x-request-id': requestId };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const forwardedFor = req.headers['x-forwarded-for'];
    if (typeof forwardedFor === 'string') headers['x-forwarded-for'] = forwardedFor;
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && req.body !== undefined;
    let response: Response;
    try {
      response = await fetch(`${this.config.services[service]}${req.url}`, {
        method: req.method,
        headers: hasBody ? { ...headers, 'content-type': 'application/json' } : headers,
        ...(hasBody ? { body: JSON.stringify(req.body) } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      this.logger.error(`${service} unreachable: ${(error as Error).message}`);
      reply
        .status(503)
        .header('x-request-id', requestId)
        .send({ statusCode: 503, error: 'Service Unavailable', message: `The ${service} service is not answering; please try again shortly.` });
      return;
    }
    reply.status(response.status).header('x-request-id', requestId);
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null && name !== 'content-length') reply.header(name, value);
    }
    const body = Buffer.from(await response.arrayBuffer());
    reply.send(response.status === 204 ? undefined : body);
  }
}
