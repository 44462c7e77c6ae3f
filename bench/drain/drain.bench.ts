import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { Topics, type IntegrationEnvelope, type OrganisationRegisteredV1 } from '#libs/contracts';
import { ensureKafkaTopics, TopicNames } from '#libs/messaging';
import { envelopeOf, TestTokenIssuer } from '#libs/testing';
import { envInt, freeBlock, freshNamespace, HttpClient, kafkaBrokers, round, table, writeResult } from '../harness.js';

const dist = fileURLToPath(new URL('../../', import.meta.url));

const organisations = (n: number): IntegrationEnvelope<'OrganisationRegistered', OrganisationRegisteredV1>[] =>
  Array.from({ length: n }, (_, i) => {
    const organisationId = randomUUID();
    return envelopeOf('OrganisationRegistered', {
      organisationId,
      name: `Drain University ${i}`,
      kind: 'education',
      country: 'Japan',
      website: null,
      email: null,
      aliases: [],
      recipients: [{ recipientId: randomUUID(), department: null }],
      firstUser: null,
    }, { aggregateId: organisationId, producer: 'directory' });
  });

/** Produces the envelopes (keyed by aggregate, acks=all, 500 a request); ms taken. */
async function produce(kafka: Kafka, topic: string, envelopes: readonly IntegrationEnvelope[]): Promise<number> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const start = performance.now();
  try {
    for (let i = 0; i < envelopes.length; i += 500) {
      await producer.send({ topic, acks: -1, messages: envelopes.slice(i, i + 500).map((e) => ({ key: e.aggregateId, value: JSON.stringify(e) })) });
    }
    return performance.now() - start;
  } finally {
    await producer.disconnect();
  }
}

/** The do-nothing consumer: kafkajs eachBatch that only counts (offsets resolved, committed as kafkajs does by default). */
async function noopDrain(kafka: Kafka, topic: string, n: number, timeoutMs: number): Promise<{ fromJoinMs: number; fromRunMs: number }> {
  const consumer = kafka.consumer({ groupId: `${topic}.bench-noop-${Date.now().toString(36)}` });
  await consumer.connect();
  let joinedAt = 0;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joinedAt ||= performance.now();
  });
  let count = 0;
  let done: () => void = () => undefined;
  const drained = new Promise<void>((resolve) => (done = resolve));
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const run = performance.now();
    await consumer.run({
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        count += batch.messages.length;
        resolveOffset(batch.lastOffset());
        await heartbeat();
        if (count >= n) done();
      },
    });
    await Promise.race([drained, sleep(timeoutMs).then(() => Promise.reject(new Error(`do-nothing consumer: ${count} of ${n} after ${timeoutMs} ms`)))]);
    const end = performance.now();
    return { fromJoinMs: end - (joinedAt || run), fromRunMs: end - run };
  } finally {
    await consumer.disconnect();
  }
}

/** A consumer group's lag on a topic (high watermark minus committed offset, over its partitions). */
async function lagOf(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
  return ends.reduce((sum, p) => {
    const at = Number(committed?.partitions.find((c) => c.partition === p.partition)?.offset ?? '-1');
    return sum + Math.max(0, Number(p.high) - Math.max(at, Number(p.low)));
  }, 0);
}

interface SharingProcess {
  child: ChildProcess;
  url: string;
  /** Its internal listener: /health, /health/ready. */
  internalUrl: string;
  stop(): Promise<void>;
}

/** Starts the real sharing service as distributed mode does, on its own namespace and a fresh database. */
async function startSharing(namespace: string, port: number, internalPort: number, jwksUrl: string, mailDir: string): Promise<SharingProcess> {
  const child = spawn(process.execPath, ['--enable-source-maps', join(dist, 'services/sharing/src/main.js')], {
    env: {
      ...process.env,
      NAMESPACE: namespace,
      PORT: String(port),
      INTERNAL_PORT: String(internalPort),
      HOST: '127.0.0.1',
      MONGODB_URI: process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017',
      MONGODB_DB: `${namespace}-sharing`,
      KAFKA_BROKERS: kafkaBrokers().join(','),
      JWKS_URL: jwksUrl,
      PUBLIC_URL: 'http://localhost:3000',
      MAIL_DIR: mailDir,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      // Required in distributed mode; a fresh database each run, so a fresh key.
      WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const internalUrl = `http://127.0.0.1:${internalPort}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await Promise.race([gone, sleep(10_000).then(() => void child.kill('SIGKILL'))]);
  };
  for (const deadline = Date.now() + 60_000; ; await sleep(200)) {
    if (child.exitCode !== null) throw new Error(`sharing exited (${child.exitCode}) before answering /health`);
    const ok = await fetch(`${internalUrl}/health`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ok) return { child, url, internalUrl, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error('sharing did not answer /health within 60 s');
    }
  }
}

interface ServiceDrain {
  /** From spawning the process to its consumer group being Stable with a member (polled every 25 ms, as is the lag). */
  joinMs: number | null;
  /** From the group being Stable to its lag on the topic reaching 0. */
  fromJoinMs: number | null;
  /** From spawning to lag 0. */
  fromSpawnMs: number | null;
  /** From spawning until the last produced organisation's account is sendable (POST /me/shares 201 on sharing itself). */
  sendableMs: number | null;
  /** From spawning until sharing's /health/ready answers 200 (null: never, or no such endpoint). */
  readyMs: number | null;
}

/**
 * projector drain: DRAIN_EVENTS (10,000) OrganisationRegistered integration envelopes put on a
 * fresh namespace's organisations topic (named and created as the services do: TopicNames,
 * ensureKafkaTopics), then drained (a) by a do-nothing kafkajs eachBatch consumer and (b) by the
 * real sharing service in its own process (NAMESPACE=<fresh>, a fresh database), each timed from
 * its consumer group's join (start: consumer.run for (a), spawning the process for (b)) until everything is consumed (for (b): the group's committed lag is
 * 0; also when the last organisation's account is sendable and when /health/ready answers 200).
 * DRAIN_TIMEOUT_S (300) bounds each.
 */
export async function runDrain() {
  const n = envInt('DRAIN_EVENTS', 10_000);
  const timeoutMs = envInt('DRAIN_TIMEOUT_S', 300) * 1000;
  process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
  const namespace = freshNamespace('drain');
  const names = new TopicNames(namespace);
  const topic = names.topic(Topics.organisations);
  const groupId = names.group('sharing');
  const kafka = new Kafka({ clientId: 'bench-drain', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const issuer = await TestTokenIssuer.start();
  const port = await freeBlock(1);
  let internalPort = await freeBlock(1);
  while (internalPort === port) internalPort = await freeBlock(1);
  const mailDir = await mkdtemp(join(tmpdir(), 'bench-drain-'));
  const envelopes = organisations(n);
  const service: ServiceDrain = { joinMs: null, fromJoinMs: null, fromSpawnMs: null, sendableMs: null, readyMs: null };
  let noop: { fromJoinMs: number; fromRunMs: number };
  let produceMs: number;
  try {
    await ensureKafkaTopics(kafkaBrokers(), 3, names);
    const idNumber = `D${Math.floor(Math.random() * 1e8).toString().padStart(8, '0')}`;
    const result = envelopeOf('ResultPublished', {
      resultId: randomUUID(), entryId: randomUUID(), idNumber, candidate: { name: 'Drain Candidate', dateOfBirth: '2000-01-01' },
      releaseAt: new Date(Date.now() - 60_000).toISOString(), restrictions: [], verificationCode: `DRAIN-${namespace}`,
      qualification: 'Certificate in Advanced English', cefrLevel: 'Council of Europe Level B2', overallScore: 170, grade: 'B',
      components: [{ skill: 'Reading', score: 170 }], examDate: '2026-06-14',
    }, { aggregateId: randomUUID(), producer: 'results' });
    await produce(kafka, names.topic(Topics.results), [result]);
    produceMs = await produce(kafka, topic, envelopes);
    noop = await noopDrain(kafka, topic, n, timeoutMs);
    const token = await issuer.sign({ sub: randomUUID(), roles: ['candidate'], idn: idNumber });
    const lastRecipient = envelopes.at(-1)!.data.recipients[0].recipientId;
    const spawned = performance.now();
    const at = (): number => performance.now() - spawned;
    // The service consumes as soon as its group is joined, before it answers /health: its join
    // and its drain are watched from the spawn on, every 10 ms.
    let watching = true;
    const watcher = (async () => {
      while (watching && (service.joinMs === null || service.fromSpawnMs === null)) {
        if (service.joinMs === null) {
          const [group] = (await admin.describeGroups([groupId])).groups;
          if (group?.state === 'Stable' && group.members.length > 0) service.joinMs = at();
        } else if ((await lagOf(admin, groupId, topic)) === 0) {
          service.fromSpawnMs = at();
          service.fromJoinMs = service.fromSpawnMs - service.joinMs;
        }
        await sleep(10);
      }
    })();
    const sharing = await startSharing(namespace, port, internalPort, issuer.jwksUrl, mailDir);
    const api = new HttpClient(sharing.url);
    const internal = new HttpClient(sharing.internalUrl);
    try {
      let lastSendCheck = -Infinity;
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline && (service.fromSpawnMs === null || service.sendableMs === null); await sleep(25)) {
        if (service.readyMs === null) {
          const r = await internal.send('GET', '/health/ready').catch(() => ({ status: 0 }));
          if (r.status === 200) service.readyMs = at();
        }
        if (service.sendableMs === null && at() - lastSendCheck >= 250) {
          lastSendCheck = at();
          const r = await api.send('POST', '/api/v1/me/shares', token, { resultId: result.data.resultId, recipientId: lastRecipient, consent: true });
          if (r.status === 201 || r.status === 200) service.sendableMs = at();
          else if (r.status !== 404) throw new Error(`POST /me/shares on sharing → ${r.status} ${r.body.slice(0, 200)}`);
        }
      }
    } finally {
      watching = false;
      await watcher;
      api.close();
      await sharing.stop();
    }
  } finally {
    await issuer.stop();
    const topics = (await admin.listTopics().catch(() => [] as string[])).filter((t) => t.startsWith(`${namespace}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
    const mongo = await MongoClient.connect(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017').catch(() => null);
    await mongo?.db(`${namespace}-sharing`).dropDatabase().catch(() => undefined);
    await mongo?.close();
  }
  const rate = (ms: number | null | undefined): number | string => (ms ? round((n / ms) * 1000, 0) : '—');
  const ratio = service.fromJoinMs ? noop.fromJoinMs / service.fromJoinMs : null;
  const met = ratio !== null && ratio >= 0.5;
  const ms = (v: number | null) => (v === null ? '—' : round(v, 0));
  table(`projector drain: ${n} OrganisationRegistered envelopes on ${topic} (produced in ${(produceMs / 1000).toFixed(1)} s); ms`, [
    { consumer: 'kafkajs eachBatch, do nothing (baseline)', 'start→join': round(noop.fromRunMs - noop.fromJoinMs, 0), 'join→drained': round(noop.fromJoinMs, 0), 'events/s': rate(noop.fromJoinMs), 'spawn→sendable': '', 'spawn→ready': '' },
    { consumer: 'sharing service (own process, NAMESPACE)', 'start→join': ms(service.joinMs), 'join→drained': ms(service.fromJoinMs), 'events/s': rate(service.fromJoinMs), 'spawn→sendable': ms(service.sendableMs), 'spawn→ready': ms(service.readyMs) },
    { consumer: 'ratio service/baseline (throughput)', 'start→join': '', 'join→drained': '', 'events/s': ratio === null ? '—' : round(ratio, 4), 'spawn→sendable': '', 'spawn→ready': '' },
  ]);
  console.log(`target drain ≥ 0.5× the do-nothing consumer: ${ratio === null ? 'NOT MEASURED (not drained within the timeout)' : met ? 'MET' : 'MISSED'}${ratio === null ? '' : ` (${ratio.toFixed(4)}×)`}`);
  const file = await writeResult('drain', { events: n, topic, groupId, produceMs, noop, service, ratio, target: { minRatio: 0.5, met } });
  console.log(`wrote ${file}`);
  return { noop, service, ratio, met };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runDrain();
}
