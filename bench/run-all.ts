import { runBulkVerification } from './bulk-verification/bulk-verification.bench.js';
import { runDrain } from './drain/drain.bench.js';
import { runGatewayThroughput } from './gateway-throughput/gateway-throughput.bench.js';
import { newCandidate, settle, startBenchSystem, table, writeResult, type BenchSystem, type Candidate } from './harness.js';
import { runPropagation } from './propagation/propagation.bench.js';
import { runSettle } from './settle/settle.bench.js';
import { runShareVisibility } from './share-visibility/share-visibility.bench.js';
import { runStatement } from './statement/statement.bench.js';
import { runTypeahead } from './typeahead/typeahead.bench.js';

/**
 * npm run bench: settle (embedded, then distributed first boot on a fresh namespace and a restart
 * on its data), then on that restarted distributed system typeahead, share visibility, gateway
 * throughput, propagation and bulk verification, then the projector drain on a namespace of its
 * own, then the statement PDF (in this process).
 * BENCH_ONLY=settle,propagation,... runs a subset; sizes: see each benchmark's env variables.
 */
const all = ['settle', 'typeahead', 'share-visibility', 'gateway-throughput', 'propagation', 'bulk-verification', 'drain', 'statement'] as const;
type Name = (typeof all)[number];
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const chosen = new Set<Name>(all.filter((name) => !only || only.includes(name)));
const onSystem: Name[] = ['typeahead', 'share-visibility', 'gateway-throughput', 'propagation', 'bulk-verification'];
const seed = (process.env.BENCH_SEED as 'full' | 'none' | undefined) ?? 'full';

const summary: Record<string, string | number>[] = [];
let failed = false;
const s = (ms: number | null | undefined): string => (ms === null || ms === undefined ? 'not within the timeout' : `${(ms / 1000).toFixed(1)} s`);

async function step(name: string, work: () => Promise<void>): Promise<void> {
  const started = Date.now();
  try {
    await work();
  } catch (error) {
    failed = true;
    console.error(`[bench] ${name} failed: ${(error as Error).stack ?? String(error)}`);
    summary.push({ benchmark: name, measured: 'FAILED', baseline: '', ratio: '', target: '', met: 'NO' });
  }
  console.error(`[bench] ${name} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

let sys: BenchSystem | undefined;
try {
  const needSystem = onSystem.some((name) => chosen.has(name));
  if (chosen.has('settle')) {
    await step('settle', async () => {
      const r = await runSettle({ keep: needSystem });
      sys = r.system;
      const base = (phase: string) => r.embedded.find((e) => e.phase === phase)?.consistentMs;
      summary.push({ benchmark: 'settle: first boot', measured: s(r.firstBoot?.consistentMs), baseline: `embedded ${s(base('first boot'))}`, ratio: r.firstBoot?.consistentMs && base('first boot') ? r.firstBoot.consistentMs / base('first boot')! : '', target: '≤ 60 s after /health', met: r.met.firstBoot ? 'yes' : 'NO' });
      summary.push({ benchmark: 'settle: restart', measured: s(r.restart?.consistentMs), baseline: `embedded ${s(base('restart'))}`, ratio: r.restart?.consistentMs && base('restart') ? r.restart.consistentMs / base('restart')! : '', target: '≤ 15 s after /health', met: r.met.restart ? 'yes' : 'NO' });
      summary.push({ benchmark: 'settle: slowest request', measured: `${r.maxRequest.toFixed(0)} ms`, baseline: '', ratio: '', target: 'none > 2 s', met: r.met.maxRequest ? 'yes' : 'NO' });
    });
  }
  if (needSystem) {
    sys ??= await startBenchSystem(seed);
    const system = sys;
    let candidate: Candidate | undefined;
    await step('settled system', async () => {
      candidate = await newCandidate(system, 1);
      await settle(system, candidate);
    });
    const steps: [Name, (c: Candidate) => Promise<void>][] = [
      ['typeahead', async (c) => {
        const r = await runTypeahead(system, c);
        summary.push({ benchmark: 'typeahead', measured: `gateway p99 ${r.gateway.p99.toFixed(1)} ms`, baseline: `direct p99 ${r.direct.p99.toFixed(1)} ms`, ratio: r.gateway.p99 / r.direct.p99, target: 'p99 ≤ 1.5× and < 50 ms', met: r.met ? 'yes' : 'NO' });
      }],
      ['share-visibility', async (c) => {
        const r = await runShareVisibility(system, c);
        summary.push({ benchmark: 'share-visibility', measured: `p50 ${r.visible.p50.toFixed(1)} / p99 ${r.visible.p99.toFixed(1)} ms`, baseline: `kafka RTT p50 ${r.rtt.p50.toFixed(1)} ms`, ratio: r.visible.p50 / r.rtt.p50, target: 'p50 ≤ 2×, p99 ≤ 250 ms', met: r.met.p50 && r.met.p99 ? 'yes' : 'NO' });
      }],
      ['gateway-throughput', async (c) => {
        const r = await runGatewayThroughput(system, c);
        summary.push({ benchmark: 'gateway-throughput', measured: `${r.gateway.rps.toFixed(0)} req/s`, baseline: `same check+read ${r.baseline.rps.toFixed(0)} req/s`, ratio: r.ratio, target: '≥ 0.5×', met: r.met ? 'yes' : 'NO' });
      }],
      ['bulk-verification', async () => {
        const r = await runBulkVerification(system);
        summary.push({ benchmark: 'bulk verification (2,000 codes)', measured: `gateway median ${r.gateway.p50.toFixed(0)} ms`, baseline: `engine $in ${r.engine.p50.toFixed(0)} ms`, ratio: r.gateway.p50 / r.engine.p50, target: '< 2 s', met: r.met ? 'yes' : 'NO' });
      }],
      ['propagation', async (c) => {
        const r = await runPropagation(system, c);
        summary.push({ benchmark: 'propagation', measured: `worst p99 ${Number.isFinite(r.worstP99) ? `${r.worstP99.toFixed(0)} ms` : 'not all seen'}`, baseline: `kafka RTT p50 ${r.rtt.p50.toFixed(1)} ms`, ratio: '', target: 'p99 ≤ 500 ms', met: r.met ? 'yes' : 'NO' });
      }],
    ];
    for (const [name, work] of steps) {
      if (!chosen.has(name)) continue;
      if (!candidate) {
        summary.push({ benchmark: name, measured: 'not run: the system did not settle', baseline: '', ratio: '', target: '', met: 'NO' });
        continue;
      }
      const c = candidate;
      await step(name, () => work(c));
    }
  }
} finally {
  await sys?.stop();
}
if (chosen.has('drain')) {
  await step('drain', async () => {
    const r = await runDrain();
    summary.push({ benchmark: 'projector drain', measured: r.service?.fromJoinMs ? `sharing ${(r.service.fromJoinMs / 1000).toFixed(1)} s` : 'sharing not measured', baseline: `do-nothing ${(r.noop.fromJoinMs / 1000).toFixed(1)} s`, ratio: r.ratio ?? '', target: '≥ 0.5× throughput', met: r.met ? 'yes' : 'NO' });
  });
}
if (chosen.has('statement')) {
  await step('statement', async () => {
    const r = await runStatement();
    const [before, , , japanese] = r.rows;
    summary.push({ benchmark: 'statement PDF (Japanese layout)', measured: `median ${japanese?.stats.p50.toFixed(1)} ms`, baseline: `Helvetica, no QR ${before?.stats.p50.toFixed(1)} ms`, ratio: (japanese?.stats.p50 ?? 0) / (before?.stats.p50 ?? 1), target: '< 50 ms', met: r.met ? 'yes' : 'NO' });
  });
}
table('summary', summary);
await writeResult('summary', { summary });
process.exitCode = failed ? 1 : 0;
// Everything was stopped: a handle still open (a client or timer a system left behind) is named, then the run ends.
setTimeout(() => {
  const internals = process as unknown as { _getActiveHandles(): object[]; _getActiveRequests(): object[] };
  const open = [...internals._getActiveHandles(), ...internals._getActiveRequests()].map((h) => h.constructor.name);
  console.error(`[bench] still running 5 s after the end (${open.join(', ') || 'no handle named'}): exiting`);
  process.exit();
}, 5_000).unref();
