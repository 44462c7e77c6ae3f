import { createServer, type Server } from 'node:http';

export interface Delivery {
  eventId: string;
  type: string;
  shareId: string | null;
}

/** An organisation's webhook endpoint: answers 204 and records each delivery (event id, type, share). */
export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let shareId: string | null = null;
        try {
          const envelope = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: { shareId?: string } };
          shareId = envelope.data?.shareId ?? null;
        } catch {
          // not JSON: recorded without a share
        }
        this.deliveries.push({ eventId: String(req.headers['x-results-event-id'] ?? ''), type: String(req.headers['x-results-event-type'] ?? ''), shareId });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
