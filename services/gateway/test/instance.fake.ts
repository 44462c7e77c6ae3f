import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROBE_USER_AGENT } from '../src/upstreams/instance-probe.js';

/**
 * One stand-in instance of a service, on a real port (its API and its "internal" /health/ready on
 * the same one): `ready` answers 200 everywhere; `not-ready` answers /health/ready with 503 and
 * still serves; `reset` destroys every forwarded call's connection before answering a byte.
 */
export class FakeInstance {
  mode: 'ready' | 'not-ready' | 'reset' = 'ready';
  /** Forwarded calls that reached it (`METHOD path`); the balancer's checks are not counted. */
  hits: string[] = [];
  checks = 0;
  url = '';
  private server: Server | null = null;
  private port = 0;

  constructor(readonly name: string) {}

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      if (req.headers['user-agent'] === PROBE_USER_AGENT && req.url === '/health/ready') {
        this.checks++;
        res.writeHead(this.mode === 'not-ready' ? 503 : 200, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      if (this.mode === 'reset') {
        this.hits.push(`${req.method} ${req.url} (reset)`);
        req.socket.destroy();
        return;
      }
      req.resume();
      req.on('end', () => {
        this.hits.push(`${req.method} ${req.url}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ instance: this.name }));
      });
    });
    // A restarted instance comes back on the same port.
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${this.port}`;
    return this;
  }

  /** Gone: the port refuses connections (kept-alive ones are cut too). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
