import { setTimeout as sleep } from 'node:timers/promises';

/** One answer as the drill's client saw it: `status` 0 is a network error, -1 a hang past the client's timeout. */
export interface Answer<T = unknown> {
  status: number;
  body: T;
  retryAfter: string | null;
  ms: number;
}

/** Longer than the gateway's own 30 s upstream timeout: a request still open after this hung. */
export const CLIENT_TIMEOUT_MS = 35_000;

/** Every answer the drill got, by status, and the ones that break the target (5xx but 503 with Retry-After, hangs). */
export class Outcomes {
  readonly byStatus = new Map<string, number>();
  readonly violations: string[] = [];

  record(what: string, answer: Answer): void {
    const key = answer.status === 0 ? 'network error' : answer.status === -1 ? 'hang' : String(answer.status);
    this.byStatus.set(key, (this.byStatus.get(key) ?? 0) + 1);
    const unavailable = answer.status === 503 && answer.retryAfter !== null;
    if (answer.status === -1 || answer.status === 0 || (answer.status >= 500 && !unavailable)) {
      if (this.violations.length < 50) this.violations.push(`${what}: ${key} ${JSON.stringify(answer.body).slice(0, 200)}`);
    }
  }

  count(status: string): number {
    return this.byStatus.get(status) ?? 0;
  }

  get violationCount(): number {
    let n = 0;
    for (const [status, count] of this.byStatus) {
      if (status === 'hang' || status === 'network error' || (Number(status) >= 500 && status !== '503')) n += count;
    }
    return n + this.unavailableWithoutRetryAfter;
  }

  unavailableWithoutRetryAfter = 0;
}

/** A small fetch client for the gateway that never throws: every outcome is an Answer. */
export class Client {
  constructor(
    readonly url: string,
    private readonly outcomes: Outcomes,
    private readonly forwardedFor?: string,
  ) {}

  async call<T = unknown>(method: string, path: string, token?: string, body?: unknown, what = `${method} ${path}`): Promise<Answer<T>> {
    const started = Date.now();
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.forwardedFor) headers['x-forwarded-for'] = this.forwardedFor;
    let answer: Answer<T>;
    try {
      const r = await fetch(`${this.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS) });
      const text = await r.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      answer = { status: r.status, body: parsed as T, retryAfter: r.headers.get('retry-after'), ms: Date.now() - started };
    } catch (error) {
      const hung = (error as Error).name === 'TimeoutError';
      answer = { status: hung ? -1 : 0, body: String((error as Error).message) as T, retryAfter: null, ms: Date.now() - started };
    }
    this.outcomes.record(what, answer);
    if (answer.status === 503 && answer.retryAfter === null) this.outcomes.unavailableWithoutRetryAfter++;
    return answer;
  }

  /**
   * Calls until an answer other than "unavailable" (503, 429, network error) or the deadline: a
   * client that honours Retry-After. Returns the last answer.
   */
  async until<T = unknown>(method: string, path: string, token: string | undefined, body: unknown, deadline: number, what?: string): Promise<Answer<T>> {
    for (;;) {
      const answer = await this.call<T>(method, path, token, body, what);
      const again = answer.status === 503 || answer.status === 429 || answer.status === 0 || answer.status === 502 || answer.status === 504;
      if (!again || Date.now() > deadline) return answer;
      const wait = Number(answer.retryAfter);
      await sleep(Number.isFinite(wait) && wait > 0 ? Math.min(wait * 1000, 5_000) : 500);
    }
  }
}
