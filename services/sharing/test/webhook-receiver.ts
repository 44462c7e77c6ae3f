import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { eventId: string; type: string; data: Record<string, unknown> };
  /** The status this request was answered with. */
  status: number;
}

/** A webhook receiver on 127.0.0.1 that records every request and answers from a script (then `fallback`). */
export class WebhookReceiver {
  readonly requests: Received[] = [];
  /** Statuses for the next requests, in order; when empty, `fallback` is used. */
  script: number[] = [];
  fallback = 200;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | null = null;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const status = receiver!.script.shift() ?? receiver!.fallback;
        receiver!.requests.push({ headers: req.headers, raw, body: JSON.parse(raw) as Received['body'], status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/results`);
    return receiver;
  }

  /** The events it acknowledged with a 2xx, in order. */
  get delivered(): Received[] {
    return this.requests.filter((r) => r.status >= 200 && r.status < 300);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** What a receiver does: recompute the HMAC over "<timestamp>.<raw body>" with the secret. */
export function expectedSignature(secret: string, r: Received): string {
  const timestamp = String(r.headers['x-results-timestamp']);
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${r.raw}`).digest('hex')}`;
}
