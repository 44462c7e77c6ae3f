import assert from 'node:assert/strict';
import request from 'supertest';
import { findMailToken } from '#libs/testing';
import { MAX_ATTEMPTS_PER_ACCOUNT, MAX_RESET_REQUESTS, poll, PollError, type Answer } from './poll.js';
import { setTimeout as sleep } from 'node:timers/promises';

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

  /**
   * Registration as a candidate retries it until the entry has reached identity: 400 (no such
   * pair yet) is "not yet"; at most MAX_ATTEMPTS_PER_ACCOUNT attempts for the ID Number.
   */
  register(registration: { idNumber: string; secretNumber: string; email: string; password: string }, deadline: number): Promise<{ candidateId: string }> {
    return poll(() => this.post('/api/v1/candidates', registration), {
      what: `registration of ${registration.idNumber}`,
      deadline,
      retryOn: [400],
      maxAttempts: MAX_ATTEMPTS_PER_ACCOUNT,
      accept: (a) => (a.status === 201 ? (a.body as { candidateId: string }) : undefined),
    });
  }

  /** Log-in that waits for an event to reach identity (an organisation's first user): 401 is "not yet". */
  loginEventually(credentials: { email: string; password: string }, deadline: number): Promise<string> {
    return poll(() => this.post('/api/v1/auth/login', credentials), {
      what: `log-in of ${credentials.email}`,
      deadline,
      retryOn: [401],
      maxAttempts: MAX_ATTEMPTS_PER_ACCOUNT,
      accept: (a) => (a as { body: { accessToken?: string } }).body.accessToken,
    });
  }

  /**
   * Asks for a password reset until the mail arrives: the route answers 202 whether or not the
   * account exists yet (an organisation's user arrives through Kafka), so a request made too
   * early sends nothing and is asked again, at most MAX_RESET_REQUESTS times.
   */
  async resetToken(mailDir: string, email: string, deadline: number): Promise<string> {
    const started = Date.now();
    for (let request = 1; ; request++) {
      const r: Answer = await this.post('/api/v1/auth/password-reset', { email });
      if (r.status !== 202) throw new PollError(`password reset for ${email}: ${r.status} ${JSON.stringify(r.body)}`);
      const last = request >= MAX_RESET_REQUESTS;
      const until = last ? deadline : Math.min(deadline, Date.now() + 500 * 2 ** request);
      for (;;) {
        const token = await findMailToken(mailDir, email, '/reset-password');
        if (token) return token;
        if (Date.now() >= until) break;
        await sleep(50);
      }
      if (last || Date.now() >= deadline) {
        throw new PollError(`password reset for ${email}: no mail after ${request} requests in ${Date.now() - started} ms`);
      }
    }
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
