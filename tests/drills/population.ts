import { findMailToken } from '#libs/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { sampleResult } from '../e2e/api.js';
import { Client, Outcomes, type Answer } from './client.js';
import type { WebhookReceiver } from './webhook-receiver.js';

export interface Organisation {
  name: string;
  email: string;
  password: string;
  organisationId: string;
  recipientId: string;
  token: string;
}

export interface Candidate {
  idNumber: string;
  password: string;
  token: string;
  resultIds: string[];
}

const must = <T>(answer: Answer<T>, want: number[], what: string): T => {
  if (!want.includes(answer.status)) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
};

/** An access token for these credentials (a candidate's ID Number or a user's e-mail), from `c`'s address. */
async function logIn(c: Client, credentials: { idNumber: string; password: string } | { email: string; password: string }, deadline: number): Promise<string> {
  const who = 'email' in credentials ? credentials.email : credentials.idNumber;
  return must(await c.until<{ accessToken: string }>('POST', '/api/v1/auth/login', undefined, credentials, deadline), [200], `log-in of ${who}`).accessToken;
}

/** Everyone the drill's load needs, set up through the gateway as the operator, the centre and the people would. */
export class Population {
  readonly organisations: Organisation[] = [];
  readonly candidates: Candidate[] = [];
  private admin = '';
  private readonly setup = new Outcomes();

  constructor(
    private readonly url: string,
    private readonly mailDir: string,
    private readonly tag: string,
  ) {}

  /** A client whose requests come from their own address (the gateway trusts the drill's X-Forwarded-For): per-address limits apply per person. */
  private client(address: string): Client {
    return new Client(this.url, this.setup, address);
  }

  async operator(email: string, password: string, deadline: number): Promise<void> {
    this.admin = await logIn(this.client('10.9.0.1'), { email, password }, deadline);
  }

  /** Organisations with one account each, a user who set a password from the reset mail, and a webhook to `receiver`. */
  async addOrganisations(count: number, receiver: WebhookReceiver, deadline: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const name = `Drill University ${this.tag} ${i}`;
      const email = `drill-${this.tag}-${i}@org.example`;
      const c = this.client(`10.9.1.${i + 1}`);
      const created = must(
        await c.until<{ organisationId: string; recipients: { recipientId: string }[] }>(
          'POST',
          '/api/v1/admin/organisations',
          this.admin,
          { name, kind: 'education', country: 'Japan', website: `https://drill-${this.tag}-${i}.example`, email },
          deadline,
        ),
        [201],
        `organisation ${name}`,
      );
      const password = `drill organisation ${i} password`;
      const token = await this.resetToken(c, email, deadline);
      must(await c.until('POST', '/api/v1/auth/password-reset/confirm', undefined, { token, newPassword: password }, deadline), [204], `password of ${email}`);
      const accessToken = await logIn(c, { email, password }, deadline);
      must(await c.until('PUT', '/api/v1/institution/webhook', accessToken, { url: `${receiver.url}/${i}` }, deadline), [200, 201], `webhook of ${email}`);
      this.organisations.push({ name, email, password, organisationId: created.organisationId, recipientId: created.recipients[0].recipientId, token: accessToken });
    }
  }

  /** Candidates with `results` released results each, registered and logged in. */
  async addCandidates(count: number, results: number, deadline: number): Promise<void> {
    await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const c = this.client(`10.9.2.${i + 1}`);
        const entry = must(
          await c.until<{ idNumber: string; secretNumber: string }>('POST', '/api/v1/admin/entries', this.admin, { name: `Drill Candidate ${i}`, dateOfBirth: '2001-04-01', exam: 'C1 Advanced', centre: 'JP001' }, deadline),
          [201],
          'entry',
        );
        const password = `drill candidate ${i} password`;
        // The entry reaches identity through Kafka: 400 until it has.
        let registered: Answer;
        do {
          registered = await c.until('POST', '/api/v1/candidates', undefined, { idNumber: entry.idNumber, secretNumber: entry.secretNumber, email: `drill-${this.tag}-c${i}@mail.example`, password }, deadline);
          if (registered.status === 400) await sleep(500);
        } while (registered.status === 400 && Date.now() < deadline);
        // A 409 "already registered" means an earlier attempt that answered 503 (the gateway gave up
        // waiting) did register: the log-in below, with this password, proves it was this one.
        const again = registered.status === 409 && (registered.body as { code?: string }).code === 'ACCOUNT.ALREADY_REGISTERED';
        if (!again) must(registered, [201], `registration of ${entry.idNumber}`);
        const token = await logIn(c, { idNumber: entry.idNumber, password }, deadline);
        this.candidates[i] = { idNumber: entry.idNumber, password, token, resultIds: [] };
        await this.addResults(this.candidates[i], results, deadline);
      }),
    );
  }

  /**
   * Everyone logs in again: an access token lasts 15 minutes, and the drill runs longer (its audit
   * of the faults phase got 401s on tokens from the set-up). Each person from their own address.
   */
  async logInAgain(deadline: number): Promise<void> {
    await Promise.all([
      ...this.candidates.map(async (candidate, i) => {
        candidate.token = await logIn(this.client(`10.9.2.${i + 1}`), { idNumber: candidate.idNumber, password: candidate.password }, deadline);
      }),
      ...this.organisations.map(async (organisation, i) => {
        organisation.token = await logIn(this.client(`10.9.1.${i + 1}`), { email: organisation.email, password: organisation.password }, deadline);
      }),
    ]);
  }

  /** More released results for a candidate (each can be sent once to each organisation). */
  async addResults(candidate: Candidate, results: number, deadline: number): Promise<void> {
    const c = this.client('10.9.3.1');
    for (let r = 0; r < results; r++) {
      const result = must(await c.until<{ resultId: string }>('POST', '/api/v1/admin/results', this.admin, sampleResult(candidate.idNumber, { overallScore: 160 + r }), deadline), [201], 'result');
      candidate.resultIds.push(result.resultId);
    }
  }

  /** Asks for a reset until the mail arrives (the organisation's user reaches identity through Kafka). */
  private async resetToken(c: Client, email: string, deadline: number): Promise<string> {
    for (let request = 1; ; request++) {
      must(await c.until('POST', '/api/v1/auth/password-reset', undefined, { email }, deadline), [202], `reset of ${email}`);
      const until = Math.min(deadline, Date.now() + 1_000 * request);
      while (Date.now() < until) {
        const token = await findMailToken(this.mailDir, email, '/reset-password');
        if (token) return token;
        await sleep(100);
      }
      if (Date.now() >= deadline || request >= 5) throw new Error(`no reset mail for ${email} after ${request} requests`);
    }
  }

  get setupOutcomes(): Outcomes {
    return this.setup;
  }
}
