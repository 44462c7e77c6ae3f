import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaConsumerLag } from '#libs/platform';
import { findMailToken } from '#libs/testing';
import { HttpClient } from '../http-client.js';

export interface Org {
  organisationId: string;
  recipientIds: string[];
  email: string;
}

export interface Entry {
  idNumber: string;
  secretNumber: string;
  resultId: string;
  name: string;
}

const NAMES = ['Hanako Yamada', 'Chloé Durand', '山田 太郎', 'Zoë Ångström', 'Олена Коваленко', 'محمد علي', 'Seán O’Brien', 'Nguyễn Văn An'];

/** `count` organisations with `accounts` recipient accounts each, through the operator's API. */
export async function makeOrganisations(api: HttpClient, admin: string, tag: string, count: number, accounts: number): Promise<Org[]> {
  const orgs: Org[] = [];
  for (let i = 0; i < count; i++) {
    const email = `volume-${i}-${tag}@org.example`;
    const body = {
      name: `Volume University ${i} ${tag}`, kind: 'education', country: 'Japan', website: `https://volume-${i}-${tag}.example.ac.jp`, email,
      accounts: Array.from({ length: accounts }, (_, a) => ({ department: `Department ${a + 1}` })),
    };
    const r = await api.json<{ organisationId: string; recipients: { recipientId: string }[] }>('POST', '/api/v1/admin/organisations', admin, body, 201);
    orgs.push({ organisationId: r.organisationId, recipientIds: r.recipients.map((x) => x.recipientId), email });
  }
  return orgs;
}

/** `count` exam entries, each with one published result (names in several scripts). */
export async function makeResults(api: HttpClient, admin: string, count: number): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${NAMES[i % NAMES.length]} ${i}`;
    const entry = await api.json<{ idNumber: string; secretNumber: string }>('POST', '/api/v1/admin/entries', admin, { name, dateOfBirth: '2001-04-02', exam: 'C1 Advanced', centre: 'JP001 Tokyo' }, 201);
    const result = await api.json<{ resultId: string }>('POST', '/api/v1/admin/results', admin, {
      idNumber: entry.idNumber, qualification: 'Certificate in Advanced English', cefrLevel: 'Council of Europe Level B2', overallScore: 160 + (i % 30), grade: 'C',
      components: [{ skill: 'Reading', score: 170 }, { skill: 'Writing', score: 165 }, { skill: 'Listening', score: 172 }, { skill: 'Speaking', score: 160 }, { skill: 'Use of English', score: 173 }],
      examDate: '2026-06-14',
    }, 201);
    entries.push({ ...entry, resultId: result.resultId, name });
  }
  return entries;
}

/** Polls until `accept` gives a value (4 a second), or throws at the deadline. */
export async function until<T>(what: string, deadline: number, attempt: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within the deadline`);
    await sleep(250);
  }
}

/** The organisation's first user sets a password from the reset e-mail and logs in. */
export async function organisationToken(api: HttpClient, mailDir: string, email: string, deadline: number): Promise<string> {
  const password = 'organisation password';
  const token = await until(`reset mail for ${email}`, deadline, async () => {
    await api.json('POST', '/api/v1/auth/password-reset', undefined, { email }, 202);
    for (let i = 0; i < 8; i++) {
      const found = await findMailToken(mailDir, email, '/reset-password');
      if (found) return found;
      await sleep(250);
    }
    return undefined;
  });
  await api.json('POST', '/api/v1/auth/password-reset/confirm', undefined, { token, newPassword: password }, 204);
  return (await api.json<{ accessToken: string }>('POST', '/api/v1/auth/login', undefined, { email, password }, 200)).accessToken;
}

/** A candidate registers with the entry's numbers and logs in (identity may not have the entry yet: 400 is "not yet"). */
export async function candidateToken(api: HttpClient, entry: Entry, deadline: number): Promise<string> {
  const password = 'a long candidate password';
  await until(`registration of ${entry.idNumber}`, deadline, async () => {
    const r = await api.call('POST', '/api/v1/candidates', undefined, { idNumber: entry.idNumber, secretNumber: entry.secretNumber, email: `v-${entry.idNumber}@mail.example`, password });
    if (r.status === 201) return true;
    if (r.status !== 400) throw new Error(`registration: ${r.status} ${r.text}`);
    return undefined;
  });
  return (await api.json<{ accessToken: string }>('POST', '/api/v1/auth/login', undefined, { idNumber: entry.idNumber, password }, 200)).accessToken;
}

/**
 * Waits until every consumer group of the namespace has consumed everything on its topics (lag 0
 * twice in a row), so that the measurements do not share the machine with 100,000 events still
 * being projected by the other services (readiness allows a small backlog). Returns the wait in ms.
 */
export async function untilConsumersCaughtUp(namespace: string, deadline: number, log: (m: string) => void): Promise<number> {
  const kafka = new Kafka({ clientId: `${namespace}.bench-lag`, brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const started = Date.now();
  try {
    let zeros = 0;
    let lastLog = 0;
    for (;;) {
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(`${namespace}.`));
      let lag = 0;
      for (const groupId of groups) {
        const topics = (await admin.fetchOffsets({ groupId })).map((t) => t.topic);
        lag += (await kafkaConsumerLag(admin, groupId, topics, { maxAgeMs: 0 })).total;
      }
      zeros = lag === 0 ? zeros + 1 : 0;
      if (zeros >= 2) return Date.now() - started;
      if (Date.now() - lastLog > 30_000) {
        log(`consumers of ${groups.length} groups still have ${lag} events to take`);
        lastLog = Date.now();
      }
      if (Date.now() > deadline) throw new Error(`consumers did not catch up (lag ${lag}) within the deadline`);
      await sleep(2_000);
    }
  } finally {
    await admin.disconnect();
  }
}
