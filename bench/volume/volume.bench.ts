import { pathToFileURL } from 'node:url';
import { MongoClient } from 'mongodb';
import { startDistributed } from '../../launcher/distributed.js';
import { ADMIN, adminToken, envInt, freeBlock, HttpClient, liftGatewayLimits, newBenchData, round, table, writeResult, type Stats } from '../harness.js';
import { bulkShares, closeInfrastructure, sharingInfrastructure } from './volume-load.js';
import { drainFeedApi, drainFeedEngine, exportApi, exportEngine, rssMb, timed, walkApi, walkEngine } from './volume-measure.js';
import { candidateToken, makeOrganisations, makeResults, organisationToken, until, untilConsumersCaughtUp } from './volume-setup.js';

/**
 * Organisations at real volume (issue 15), distributed mode on the real engines: BENCH_VOLUME_SHARES
 * (100,000) shares over BENCH_VOLUME_ORGS (10) organisations of BENCH_VOLUME_ACCOUNTS (100) accounts,
 * each share a (result, account) pair. BENCH_VOLUME_HTTP (1,000) of them are sent through the
 * gateway by candidates (POST /me/shares, 16 at once): that rate says how long 100,000 would take
 * that way; the rest are imported with EventStore.startStreams and sharing's own pipeline
 * (volume-load.ts). Then, through the gateway, each against the engine's own query for the same
 * data in the same run: the first inbox page and a filtered page (p99), walking one organisation's
 * shares page by page, its CSV export (rows/s and the memory of sharing and the gateway), and
 * draining its feed from position 0.
 */
export async function runVolume() {
  liftGatewayLimits();
  const total = envInt('BENCH_VOLUME_SHARES', 100_000);
  const orgCount = envInt('BENCH_VOLUME_ORGS', 10);
  const accounts = envInt('BENCH_VOLUME_ACCOUNTS', 100);
  const viaHttp = envInt('BENCH_VOLUME_HTTP', 1_000);
  const samples = envInt('BENCH_VOLUME_SAMPLES', 30);
  const resultsNeeded = Math.ceil(total / (orgCount * accounts));
  const data = await newBenchData();
  const base = await freeBlock(5);
  const system = await startDistributed({
    port: base + 4, servicePortBase: base, dataDir: data.dataDir, adminEmail: ADMIN.email, adminPassword: ADMIN.password,
    logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn', seed: 'none', namespace: data.namespace,
  });
  const api = new HttpClient(system.url, 16);
  const mongo = await MongoClient.connect(process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017');
  const db = mongo.db(`sharing-${data.namespace}`);
  const log = (m: string) => console.error(`[bench volume] ${m}`);
  try {
    const admin = await adminToken(api, Date.now() + 60_000);
    const tag = data.namespace.slice(-6);
    const orgs = await makeOrganisations(api, admin, tag, orgCount, accounts);
    const entries = await makeResults(api, admin, resultsNeeded);
    log(`${orgs.length} organisations of ${accounts} accounts, ${entries.length} results`);
    await until('sharing has every result and account', Date.now() + 120_000, async () =>
      (await db.collection('results').countDocuments({})) >= entries.length && (await db.collection('recipients').countDocuments({})) >= orgCount * accounts ? true : undefined,
    );
    const pairs = orgs.flatMap((o) => o.recipientIds).flatMap((recipientId) => entries.map((e) => ({ resultId: e.resultId, recipientId })));
    // Spread over the organisations: the HTTP sample and the import each reach every one.
    pairs.sort((a, b) => (a.resultId < b.resultId ? -1 : a.resultId > b.resultId ? 1 : 0));
    const wanted = pairs.slice(0, total);

    // 1. The live path through the gateway, for a sample.
    const senders = await Promise.all(entries.slice(0, 4).map((e) => candidateToken(api, e, Date.now() + 120_000)));
    const byResult = new Map(entries.slice(0, 4).map((e, i) => [e.resultId, senders[i]]));
    const live = wanted.filter((p) => byResult.has(p.resultId)).slice(0, viaHttp);
    const t0 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < live.length) {
        const p = live[next++];
        await api.json('POST', '/api/v1/me/shares', byResult.get(p.resultId), { ...p, consent: true }, 201);
      }
    }));
    const httpRate = live.length / ((performance.now() - t0) / 1000);
    log(`${live.length} shares through the gateway at ${round(httpRate, 1)}/s: 100,000 would take ${round(100_000 / httpRate / 60, 1)} min`);

    // 2. The rest through the import path, with sharing's pipeline, sharing stopped meanwhile.
    await until('sharing idle (outbox empty)', Date.now() + 120_000, async () => ((await db.collection('outbox').countDocuments({})) === 0 ? true : undefined));
    await system.stopInstance('sharing', 0, 'SIGTERM');
    const done = new Set(live.map((p) => `${p.resultId}:${p.recipientId}`));
    const rest = wanted.filter((p) => !done.has(`${p.resultId}:${p.recipientId}`));
    const infra = await sharingInfrastructure(data.namespace);
    const t1 = performance.now();
    let lastLog = 0;
    try {
      await bulkShares(infra, rest, (n) => {
        if (n - lastLog >= 10_000) log(`imported ${(lastLog = n)} of ${rest.length}`);
      });
    } finally {
      await closeInfrastructure(infra);
    }
    const importRate = rest.length / ((performance.now() - t1) / 1000);
    log(`${rest.length} shares imported at ${round(importRate, 0)}/s`);
    // Answering is enough here; then the inbox through the gateway, which routes to ready instances only.
    await system.startInstance('sharing', 0, 'live');
    // (Not a candidate's request: access tokens taken before a long import have expired by now.)
    await until('every service ready behind the gateway', Date.now() + 600_000, async () => ((await api.call('GET', '/health/ready')).status === 200 ? true : undefined));
    const caughtUp = await untilConsumersCaughtUp(data.namespace, Date.now() + 1_800_000, log);
    log(`every consumer group caught up ${round(caughtUp / 1000, 0)} s after sharing was ready`);
    const shareCount = await db.collection('shares_v2').countDocuments({});
    const feedCount = await db.collection('feed_v3').countDocuments({});
    log(`sharing holds ${shareCount} shares and ${feedCount} feed entries`);

    // 3. Measurements, each beside the engine's own query for the same data.
    const orgTokens = await Promise.all(orgs.slice(0, 3).map((o) => organisationToken(api, system.mailDir, o.email, Date.now() + 120_000)));
    const [token] = orgTokens;
    const org = orgs[0];
    // A few read, so that both sections of the inbox exist.
    const firstPage = await api.json<{ items: { shareId: string }[] }>('GET', '/api/v1/institution/shares?limit=20', token, undefined, 200);
    for (const s of firstPage.items) await api.json('GET', `/api/v1/institution/shares/${s.shareId}`, token, undefined, 200);
    await api.json('GET', '/api/v1/institution/shares?limit=50', token, undefined, 200);
    let i = 0;
    const pageApi = await timed(samples, async () => {
      await api.json('GET', '/api/v1/institution/shares?limit=50', orgTokens[i++ % orgTokens.length], undefined, 200);
    });
    let j = 0;
    const pageEngine = await timed(samples, async () => {
      await db.collection('shares_v2').find({ organisationId: orgs[j++ % orgTokens.length].organisationId, status: 'unread' }).sort({ sortKey: -1 }).limit(51).toArray();
    });
    const account = org.recipientIds[3];
    const name = encodeURIComponent('Zoë');
    const filteredApi = await timed(samples, async () => {
      await api.json('GET', `/api/v1/institution/shares?status=unread&recipientId=${account}&q=${name}&limit=50`, token, undefined, 200);
    });
    const filteredEngine = await timed(samples, async () => {
      await db.collection('shares_v2').find({ organisationId: org.organisationId, recipientId: account, status: 'unread', nameKey: { $regex: /zoe/ } }).sort({ sortKey: -1 }).limit(51).toArray();
    });
    const walk = await walkApi(api, token, '/api/v1/institution/shares', 200);
    const walkBase = await walkEngine(db, org.organisationId, 200);
    const sharingPid = system.instances('sharing')[0]?.pid;
    const gatewayPid = system.instances('gateway')[0]?.pid;
    const memBefore = { sharing: rssMb(sharingPid), gateway: rssMb(gatewayPid) };
    const peak = { ...memBefore };
    const sampler = setInterval(() => {
      peak.sharing = Math.max(peak.sharing, rssMb(sharingPid));
      peak.gateway = Math.max(peak.gateway, rssMb(gatewayPid));
    }, 50);
    const exported = await exportApi(system.url, token).finally(() => clearInterval(sampler));
    const exportBase = await exportEngine(db, org.organisationId);
    const feed = await drainFeedApi(api, token, 2_000);
    const feedBase = await drainFeedEngine(db, org.organisationId, 2_000);
    // The first drain served each ResultShared for the first time, so sharing recorded ShareDelivered
    // for every share in the background (10,000 appends beside the reads). Once those are in, the
    // same drain again: what a consumer re-reading from 0 (a new system, a reset) gets.
    const orgShares = await db.collection('shares_v2').countDocuments({ organisationId: org.organisationId });
    await until('every share of the organisation delivered', Date.now() + 1_800_000, async () =>
      (await db.collection('shares_v2').countDocuments({ organisationId: org.organisationId, deliveredAt: { $type: 'string' } })) >= orgShares ? true : undefined,
    );
    const feedAgain = await drainFeedApi(api, token, 2_000);

    const ms = (s: Stats) => `p50 ${round(s.p50, 1)} / p99 ${round(s.p99, 1)} ms`;
    const rows = [
      { benchmark: 'load: live path (POST /me/shares, 16 at once)', measured: `${round(httpRate, 1)} shares/s (${live.length})`, baseline: '', ratio: '', target: `100,000 in ${round(100_000 / httpRate / 60, 1)} min`, met: '' },
      { benchmark: 'load: import path (startStreams + relay)', measured: `${round(importRate, 0)} shares/s (${rest.length})`, baseline: `live ${round(httpRate, 1)}/s`, ratio: importRate / httpRate, target: '', met: '' },
      { benchmark: 'first inbox page (limit 50)', measured: ms(pageApi), baseline: `engine ${ms(pageEngine)}`, ratio: pageApi.p99 / pageEngine.p99, target: 'p99 < 100 ms', met: pageApi.p99 < 100 ? 'yes' : 'NO' },
      { benchmark: 'filtered page (status, account, name)', measured: ms(filteredApi), baseline: `engine ${ms(filteredEngine)}`, ratio: filteredApi.p99 / filteredEngine.p99, target: 'p99 < 100 ms', met: filteredApi.p99 < 100 ? 'yes' : 'NO' },
      { benchmark: `walk one organisation (limit 200, ${walk.pages} pages)`, measured: `${round(walk.items / walk.seconds, 0)} items/s (${walk.items})`, baseline: `engine ${round(walkBase.items / walkBase.seconds, 0)} items/s`, ratio: walk.seconds > 0 ? walkBase.seconds / walk.seconds : '', target: '≥ 5,000 items/s', met: walk.items / walk.seconds >= 5_000 ? 'yes' : 'NO' },
      { benchmark: 'CSV export of one organisation', measured: `${round(exported.rows / exported.seconds, 0)} rows/s (${exported.rows}, ${round(exported.bytes / 1e6, 1)} MB)`, baseline: `engine ${round(exportBase.rows / exportBase.seconds, 0)} rows/s`, ratio: exportBase.seconds / exported.seconds, target: '≥ 10,000 rows/s, flat memory', met: exported.rows / exported.seconds >= 10_000 ? 'yes' : 'NO' },
      { benchmark: 'export memory (RSS, before → peak)', measured: `sharing ${round(memBefore.sharing, 0)} → ${round(peak.sharing, 0)} MB, gateway ${round(memBefore.gateway, 0)} → ${round(peak.gateway, 0)} MB`, baseline: `CSV ${round(exported.bytes / 1e6, 1)} MB`, ratio: '', target: 'flat', met: '' },
      { benchmark: 'feed drain from 0 again (deliveries recorded)', measured: `${round(feedAgain.events / feedAgain.seconds, 0)} events/s (${feedAgain.events})`, baseline: `engine ${round(feedBase.events / feedBase.seconds, 0)} events/s`, ratio: feedBase.seconds / feedAgain.seconds, target: '≥ 5,000 events/s', met: feedAgain.events / feedAgain.seconds >= 5_000 ? 'yes' : 'NO' },
      { benchmark: 'feed drain from 0 (limit 2,000)', measured: `${round(feed.events / feed.seconds, 0)} events/s (${feed.events})`, baseline: `engine ${round(feedBase.events / feedBase.seconds, 0)} events/s`, ratio: feedBase.seconds / feed.seconds, target: '≥ 5,000 events/s', met: feed.events / feed.seconds >= 5_000 ? 'yes' : 'NO' },
    ];
    table(`organisations at real volume: ${shareCount} shares over ${orgCount} organisations (distributed, FerretDB)`, rows);
    await writeResult('volume', { caughtUpMs: caughtUp, shares: shareCount, feedEntries: feedCount, organisations: orgCount, accounts, httpRate, importRate, pageApi, pageEngine, filteredApi, filteredEngine, walk, walkBase, exported, exportBase, memBefore, peak, feed, feedBase, feedAgain, rows });
    return rows;
  } finally {
    api.close();
    await system.stop();
    // 100,000 shares take room: this run's databases go.
    for (const service of ['identity', 'results', 'directory', 'sharing']) await mongo.db(`${service}-${data.namespace}`).dropDatabase().catch(() => undefined);
    await mongo.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runVolume().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
