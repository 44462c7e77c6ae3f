// The exam centre's and operator's part of the journey, through the public API (not the browser).
import type { OrganisationKindV1 } from '#libs/contracts';

export interface Organisation {
  organisationId: string;
  recipients: { recipientId: string; department: string | null }[];
}

export interface Entry {
  entryId: string;
  idNumber: string;
  secretNumber: string;
}

export class Api {
  constructor(
    private readonly baseUrl: string,
    private token = '',
  ) {}

  async call<T>(method: string, path: string, body?: unknown, expected = [200, 201, 202, 204]): Promise<T> {
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    if (!expected.includes(response.status)) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  static async logIn(
    baseUrl: string,
    credentials: { email: string } | { idNumber: string },
    password: string,
  ): Promise<Api> {
    const api = new Api(baseUrl);
    const pair = await api.call<{ accessToken: string }>('POST', '/auth/login', { ...credentials, password });
    return new Api(baseUrl, pair.accessToken);
  }

  createOrganisation(body: {
    name: string;
    kind: OrganisationKindV1;
    country: string;
    website: string;
    email: string;
    aliases?: string[];
    accounts?: { department: string }[];
  }): Promise<Organisation> {
    return this.call('POST', '/admin/organisations', body);
  }

  enter(name: string, dateOfBirth: string): Promise<Entry> {
    return this.call('POST', '/admin/entries', {
      name,
      dateOfBirth,
      exam: 'C1 Advanced',
      centre: 'JP001 Tokyo',
    });
  }

  publish(idNumber: string, restrictions: string[] = []): Promise<{ resultId: string }> {
    return this.call('POST', '/admin/results', {
      idNumber,
      qualification: 'Certificate in Advanced English',
      cefrLevel: 'Council of Europe Level B2',
      overallScore: 168,
      grade: 'B',
      components: [
        { skill: 'Reading', score: 170 },
        { skill: 'Use of English', score: 166 },
        { skill: 'Writing', score: 165 },
        { skill: 'Listening', score: 172 },
        { skill: 'Speaking', score: 167 },
      ],
      examDate: '2026-06-13',
      restrictions,
    });
  }

  /** Waits until the directory search (a candidate route) lists `name`: the index is fed by events. */
  async waitForSearch(query: string, name: string, timeoutMs = 20_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = await this.call<{ items: { organisationName: string }[] }>(
        'GET',
        `/directory/search?q=${encodeURIComponent(query)}&limit=50`,
      );
      if (found.items.some((i) => i.organisationName === name)) return;
      if (Date.now() > until) throw new Error(`The search for "${query}" never listed ${name}.`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}
