import http from 'node:http';

/** One keep-alive HTTP/1.1 client (the measured path: no fetch/undici overhead in the numbers). */
export class HttpClient {
  readonly agent: http.Agent;
  constructor(readonly base: string, maxSockets = 1) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }
  send(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: string }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) });
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.base}${path}`, { method, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }
  async json<T>(method: string, path: string, token?: string, body?: unknown, expect?: number): Promise<T> {
    const r = await this.send(method, path, token, body);
    if (expect !== undefined ? r.status !== expect : r.status >= 400) throw new Error(`${method} ${path} → ${r.status} ${r.body.slice(0, 300)}`);
    return (r.body ? JSON.parse(r.body) : undefined) as T;
  }
  close(): void {
    this.agent.destroy();
  }
}
