import assert from 'node:assert/strict';
import request from 'supertest';
import { expectEventually } from '#libs/testing';

/** Small helpers over supertest for the public API. */
export class Api {
  constructor(readonly url: string) {}

  get(path: string, token?: string) {
    const r = request(this.url).get(path);
    return token ? r.set('authorization', `Bearer ${token}`) : r;
  }

  post(path: string, body: unknown, token?: string) {
    const r = request(this.url).post(path).send(body as object);
    return token ? r.set('authorization', `Bearer ${token}`) : r;
  }

  async login(credentials: { idNumber?: string; email?: string; password: string }): Promise<string> {
    const r = await this.post('/api/v1/auth/login', credentials);
    assert.equal(r.status, 200, `login failed: ${r.status} ${JSON.stringify(r.body)}`);
    assert.equal(r.body.tokenType, 'Bearer');
    return r.body.accessToken as string;
  }

  /** Login that may have to wait for an event to reach identity (a new organisation's first user). */
  loginEventually(credentials: { email: string; password: string }): Promise<string> {
    return expectEventually(() => this.login(credentials), { timeoutMs: 20_000, intervalMs: 200 });
  }
}

export const runTag = (): string => Math.random().toString(36).slice(2, 8);

export const sampleResult = (idNumber: string, extra: Record<string, unknown> = {}) => ({
  idNumber,
  qualification: 'Certificate in Advanced English',
  cefrLevel: 'Council of Europe Level B2',
  overallScore: 168,
  grade: 'C',
  components: [
    { skill: 'Reading', score: 170 },
    { skill: 'Writing', score: 165 },
    { skill: 'Listening', score: 172 },
    { skill: 'Speaking', score: 160 },
    { skill: 'Use of English', score: 173 },
  ],
  examDate: '2026-06-14',
  ...extra,
});
