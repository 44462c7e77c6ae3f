import { runGatewayThroughput } from './gateway-throughput/gateway-throughput.bench.js';
import { newCandidate, settle, startBenchSystem, table, writeResult } from './harness.js';
import { runShareVisibility } from './share-visibility/share-visibility.bench.js';
import { runTypeahead } from './typeahead/typeahead.bench.js';

/**
 * npm run bench: one distributed system (fresh namespace, full seed, rate limit lifted), settled
 * once, then the three benchmarks in sequence. Sizes: see each benchmark's env variables.
 */
const sys = await startBenchSystem((process.env.BENCH_SEED as 'full' | 'none' | undefined) ?? 'full');
const summary: Record<string, string | number>[] = [];
let failed = false;
try {
  const candidate = await newCandidate(sys, 1);
  await settle(sys, candidate);
  const steps: [string, () => Promise<void>][] = [
    ['typeahead', async () => {
      const r = await runTypeahead(sys, candidate);
      summary.push({ benchmark: 'typeahead', measured: `gateway p99 ${r.gateway.p99.toFixed(1)} ms`, baseline: `direct p99 ${r.direct.p99.toFixed(1)} ms`, ratio: r.gateway.p99 / r.direct.p99, target: 'p99 ≤ 1.5× and < 50 ms', met: r.met ? 'yes' : 'NO' });
    }],
    ['share-visibility', async () => {
      const r = await runShareVisibility(sys, candidate);
      summary.push({ benchmark: 'share-visibility', measured: `p50 ${r.visible.p50.toFixed(1)} / p99 ${r.visible.p99.toFixed(1)} ms`, baseline: `kafka RTT p50 ${r.rtt.p50.toFixed(1)} ms`, ratio: r.visible.p50 / r.rtt.p50, target: 'p50 ≤ 2×, p99 ≤ 250 ms', met: r.met.p50 && r.met.p99 ? 'yes' : 'NO' });
    }],
    ['gateway-throughput', async () => {
      const r = await runGatewayThroughput(sys, candidate);
      summary.push({ benchmark: 'gateway-throughput', measured: `${r.gateway.rps.toFixed(0)} req/s`, baseline: `fastify ${r.baseline.rps.toFixed(0)} req/s`, ratio: r.ratio, target: '≥ 0.5×', met: r.met ? 'yes' : 'NO' });
    }],
  ];
  for (const [name, step] of steps) {
    const started = Date.now();
    try {
      await step();
    } catch (error) {
      failed = true;
      console.error(`[bench] ${name} failed: ${(error as Error).stack ?? String(error)}`);
      summary.push({ benchmark: name, measured: 'FAILED', baseline: '', ratio: '', target: '', met: 'NO' });
    }
    console.error(`[bench] ${name} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  await sys.stop();
}
table('summary', summary);
await writeResult('summary', { summary });
process.exitCode = failed ? 1 : 0;
