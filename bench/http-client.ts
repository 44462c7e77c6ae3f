import http from 'node:http';

/** Told about every request a client makes: for the max latency of any request during a settle. */
export type RequestRecorder = (sample: { method: string; path: string; status: number; ms: number; at: number }) => void;

/** One keep-alive HTTP/1.1 client (the measured path: no fetch/undici overhead in the numbers). */
export class HttpClient {
  readonly agent: http.Agent;
  constructor(
    readonly base: string,
    maxSockets = 1,
    private readonly recorder?: RequestRecorder,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }
  send(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: string }> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) });
    const start = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.base}${path}`, { method, agent: this.agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          this.recorder?.({ method, path, status, ms: performance.now() - start, at: Date.now() });
          resolve({ status, body: Buffer.concat(chunks).toString() });
        });
        res.on('error', reject);
      });
      req.on('error', (error) => {
        this.recorder?.({ method, path, status: 0, ms: performance.now() - start, at: Date.now() });
        reject(error);
      });
      req.end(payload);
    });
  }
  /** The answer with its body parsed (when JSON), in the shape the pollers take. */
  async call(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; text: string; body: unknown }> {
    const r = await this.send(method, path, token, body);
    let parsed: unknown;
    try {
      parsed = r.body ? JSON.parse(r.body) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: r.status, text: r.body, body: parsed };
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
