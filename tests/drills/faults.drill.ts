/**
 * `npm run test:faults`: the replica and fault drills, in distributed mode on the real engines.
 *
 * 1. Replicas: two instances of every service behind the gateway; 20 candidates send 1,000 shares
 *    concurrently; the consumer groups' partition assignment is printed; every share must reach
 *    every place once.
 * 2. Faults: 1,000 more shares from the same 20 candidates, organisations reading and a webhook
 *    receiver recording, while the drill in turn SIGKILLs the Kafka broker, crashes the database
 *    engine (FerretDB SIGKILLed, its PostgreSQL stopped immediately), SIGKILLs one sharing
 *    instance, stops an identity instance with SIGTERM while requests are in flight, and adds then
 *    removes a consumer instance (rebalances). Then it counts, per place, what was acknowledged,
 *    lost and duplicated, checks every read model against a rebuild from its events, and every
 *    answer the clients got (never a 500, a 503 only with Retry-After, never a hang).
 *
 * DRILL_PHASES=replicas runs the first phase alone. Exits non-zero when any count misses its target. Engines: started by tools/engines/engines.sh
 * (ENGINES=external: already up); the drill crashes and restarts them, so it runs alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TopicNames } from '#libs/messaging';
import { engineUrls } from '#libs/testing';
import { startDistributed, type DistributedSystem } from '../../launcher/distributed.js';
import { runTag } from '../e2e/api.js';
import { freshNamespace } from '../e2e/system.js';
import { assignments, waitForMembers } from './assignment.js';
import { settledAudit, type Place } from './audit.js';
import { Outcomes } from './client.js';
import { crashEngines, enginesUp } from './engines.js';
import { askIdentity, readInboxes, sendShares, type Acknowledged } from './load.js';
import { Population } from './population.js';
import { checkRebuilds } from './rebuild-check.js';
import { printTable } from './table.js';
import { WebhookReceiver } from './webhook-receiver.js';

const CANDIDATES = 20;
const ORGANISATIONS = 10;
/** Results per candidate per phase: 5 × 10 organisations × 20 candidates = 1,000 shares a phase. */
const RESULTS_PER_PHASE = 5;
const SERVICES = ['identity', 'results', 'directory', 'sharing'] as const;
const ADMIN = { email: 'operator@drill.test', password: 'drill-operator-password' };

const failures: string[] = [];
/** Where the services write (set once they start). */
let serviceLog: string | null = null;
const expect = (ok: boolean, what: string) => {
  if (!ok) failures.push(what);
};
const started = Date.now();
const log = (message: string) => console.log(`[drill ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

async function timed(what: string, work: () => Promise<unknown>): Promise<Record<string, unknown>> {
  const t0 = Date.now();
  log(`${what}…`);
  await work();
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  log(`${what}: done in ${seconds} s`);
  return { fault: what, seconds };
}

function placesTable(title: string, places: Place[], expected: number): void {
  printTable(title, places);
  for (const p of places) {
    expect(p.seen === expected, `${title} / ${p.place}: ${p.seen} of ${expected}`);
    expect(p.lost === 0, `${title} / ${p.place}: ${p.lost} lost`);
    expect(p.duplicated === 0, `${title} / ${p.place}: ${p.duplicated} duplicated`);
  }
}

async function main(): Promise<void> {
  if (process.env.ENGINES !== 'external') await timed('engines up', enginesUp);
  // The drill's own settings for the processes it starts: local webhook receivers, and the
  // drill's X-Forwarded-For trusted so that each simulated person has an address of their own.
  process.env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = 'true';
  process.env.TRUST_PROXY = 'loopback';
  const receiver = new WebhookReceiver();
  await receiver.start();
  const namespace = freshNamespace('drill');
  const names = new TopicNames(namespace);
  const groups = SERVICES.map((s) => names.group(s));
  const dataDir = await mkdtemp(join(tmpdir(), 'drill-'));
  const logFile = process.env.DRILL_LOG_FILE ?? join(dataDir, 'services.log');
  const base = 20_000 + Math.floor(Math.random() * 8_000);
  log(`distributed mode, namespace ${namespace}, two instances of every service`);
  const system: DistributedSystem = await startDistributed({
    port: base + 40,
    servicePortBase: base,
    namespace,
    dataDir,
    seed: 'none',
    logLevel: process.env.DRILL_LOG_LEVEL ?? 'warn',
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    replicas: { identity: 2, results: 2, directory: 2, sharing: 2 },
    // The services' own lines (Kafka reconnecting, 503s logged while an engine is down) go to a file; the drill prints its tables.
    outputFile: logFile,
  });
  log(`the services' output: ${logFile}`);
  serviceLog = logFile;
  // Interrupted (Ctrl-C, a CI timeout): the services it started go with it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void system.stop().finally(() => process.exit(130));
    });
  }
  const outcomes = new Outcomes();
  const acknowledged: Acknowledged[] = [];
  try {
    const population = new Population(system.url, system.mailDir, runTag());
    const setupDeadline = Date.now() + 180_000;
    await population.operator(ADMIN.email, ADMIN.password, setupDeadline);
    await timed(`${ORGANISATIONS} organisations with a user and a webhook`, () => population.addOrganisations(ORGANISATIONS, receiver, setupDeadline));
    await timed(`${CANDIDATES} candidates with ${RESULTS_PER_PHASE} results each`, () => population.addCandidates(CANDIDATES, RESULTS_PER_PHASE, setupDeadline));

    // ---- phase 1: replicas
    const members = await waitForMembers(engineUrls.kafkaBrokers, groups, () => 2, Date.now() + 60_000);
    printTable('Consumer groups with two instances of each service (partitions held by each member)', members);
    const t1 = Date.now();
    const phase1 = await sendShares(system.url, outcomes, population.candidates, population.organisations, RESULTS_PER_PHASE, { intervalMs: 0, deadline: Date.now() + 300_000 });
    const sendSeconds = (Date.now() - t1) / 1000;
    acknowledged.push(...phase1.acknowledged);
    expect(phase1.failed.length === 0, `phase 1: ${phase1.failed.length} shares not acknowledged: ${phase1.failed.slice(0, 3).join('; ')}`);
    await population.logInAgain(Date.now() + 60_000);
    const audit1 = await settledAudit(system.url, phase1.acknowledged, population.candidates, population.organisations, receiver);
    log(`phase 1: ${phase1.acknowledged.length} shares in ${sendSeconds.toFixed(1)} s (${(phase1.acknowledged.length / sendSeconds).toFixed(0)}/s); everywhere ${(audit1.waitedMs / 1000).toFixed(1)} s after the last`);
    placesTable(`Replicas: ${phase1.acknowledged.length} shares from ${CANDIDATES} concurrent candidates, 2 instances of each service`, audit1.places, CANDIDATES * RESULTS_PER_PHASE * ORGANISATIONS);

    if (process.env.DRILL_PHASES === 'replicas') {
      log('DRILL_PHASES=replicas: the faults phase is left out');
      return;
    }

    // ---- phase 2: faults under load
    await population.logInAgain(Date.now() + 60_000);
    for (const c of population.candidates) await population.addResults(c, RESULTS_PER_PHASE, Date.now() + 120_000);
    const stopReaders = new AbortController();
    const readers = readInboxes(system.url, outcomes, population.organisations, 2_000, stopReaders.signal);
    const askers = askIdentity(system.url, outcomes, population.candidates, stopReaders.signal);
    const intervalMs = Number(process.env.DRILL_SHARE_INTERVAL_MS ?? 2_500);
    const load = sendShares(system.url, outcomes, population.candidates, population.organisations, RESULTS_PER_PHASE, { intervalMs, deadline: Date.now() + 600_000 });
    const faults: Record<string, unknown>[] = [];
    await sleep(5_000);
    faults.push(
      await timed('SIGKILL the Kafka broker, restart it', async () => {
        await crashEngines('kafka');
        await sleep(5_000);
        await enginesUp();
      }),
    );
    await sleep(15_000);
    faults.push(
      await timed('crash the database engine (SIGKILL FerretDB, PostgreSQL stopped immediately), restart it', async () => {
        await crashEngines('ferretdb', 'postgres');
        await sleep(5_000);
        await enginesUp();
      }),
    );
    await sleep(15_000);
    faults.push(
      await timed('SIGKILL one sharing instance, start it again 10 s later', async () => {
        await system.stopInstance('sharing', 1, 'SIGKILL');
        await sleep(10_000);
        await system.startInstance('sharing', 1, 'live');
      }),
    );
    await sleep(10_000);
    faults.push(
      await timed('SIGTERM one identity instance with requests in flight, start it again', async () => {
        await system.stopInstance('identity', 0, 'SIGTERM');
        await system.startInstance('identity', 0, 'live');
      }),
    );
    await sleep(10_000);
    let joined = -1;
    faults.push(
      await timed('a third sharing instance joins (rebalance), then leaves with SIGTERM (rebalance)', async () => {
        joined = await system.addInstance('sharing', 'live');
        const three = await waitForMembers(engineUrls.kafkaBrokers, [names.group('sharing')], () => 3, Date.now() + 60_000);
        printTable('sharing with a third instance', three);
        await sleep(5_000);
        await system.stopInstance('sharing', joined, 'SIGTERM');
      }),
    );
    const phase2 = await load;
    stopReaders.abort();
    const [opened, identityAnswers] = await Promise.all([readers, askers]);
    acknowledged.push(...phase2.acknowledged);
    printTable('Faults (in order, while the load ran)', faults);
    expect(phase2.failed.length === 0, `phase 2: ${phase2.failed.length} shares not acknowledged: ${phase2.failed.slice(0, 3).join('; ')}`);
    log(`phase 2: ${phase2.acknowledged.length} shares acknowledged, ${opened} opened by organisations, ${identityAnswers} identity answers`);
    await population.logInAgain(Date.now() + 120_000);
    const audit2 = await settledAudit(system.url, acknowledged, population.candidates, population.organisations, receiver);
    placesTable(`Faults: all ${acknowledged.length} shares of both phases, ${(audit2.waitedMs / 1000).toFixed(1)} s after the load ended`, audit2.places, 2 * CANDIDATES * RESULTS_PER_PHASE * ORGANISATIONS);

    const answers = [...outcomes.byStatus.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([status, count]) => ({ status, count }));
    printTable('Every answer the clients got during both phases', answers);
    expect(outcomes.violationCount === 0, `${outcomes.violationCount} answers broke the target (5xx other than 503, 503 without Retry-After, network errors, hangs): ${outcomes.violations.slice(0, 5).join('; ')}`);

    const rebuilds = await checkRebuilds(engineUrls.mongoUri, (service) => `${service}-${namespace}`);
    printTable('Read models against a rebuild from their events', rebuilds);
    for (const r of rebuilds) {
      expect(r.differing === 0, `${r.readModel}: ${r.differing} documents differ from the rebuild`);
      expect(!r.hollow, `${r.readModel}: empty, so its comparison proves nothing (wrong collection?)`);
    }
    printTable('Consumer groups at the end', await assignments(engineUrls.kafkaBrokers, groups));
  } finally {
    await system.stop();
    await receiver.stop();
  }
}

/** The last lines the services wrote, when the drill failed (their log is in a file). */
const printServiceLog = () => {
  const file = serviceLog;
  if (!file || !existsSync(file)) return;
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  console.error(`\nthe services' last ${Math.min(80, lines.length)} lines (${file}):\n${lines.slice(-80).join('\n')}`);
};

main()
  .then(() => {
    if (failures.length > 0) {
      printServiceLog();
      console.error(`\nfault drills: ${failures.length} target(s) missed:\n- ${failures.join('\n- ')}`);
      process.exit(1);
    }
    console.log(`\nfault drills: every target met (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    process.exit(0);
  })
  .catch((error: unknown) => {
    printServiceLog();
    console.error('fault drills failed to run:', error);
    process.exit(1);
  });
