import { pathToFileURL } from 'node:url';
import { seedOrganisations } from '../../services/directory/src/organisation/seed/seed-organisations.js';
import { knownNames, loadUniversities, OpenSearchDirectoryIndex } from '../../services/directory/src/search/index.js';
import { envInt, HttpClient, stats, table, withSettledSystem, writeResult, type BenchSystem, type Candidate } from '../harness.js';

export interface QueryLatency {
  query: string;
  ms: number;
  hits: number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Latency of each typeahead query straight against OpenSearch (no gateway, no HTTP API):
 * `indexUrl` is the node and the index, e.g. http://127.0.0.1:9200/directory.
 * Queries run one after another, as one user typing would send them.
 */
export async function measureDirect(
  indexUrl: string,
  queries: readonly string[],
  limit = 10,
): Promise<QueryLatency[]> {
  const url = new URL(indexUrl);
  const index = decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, ''));
  if (!index) throw new Error(`measureDirect: no index name in ${indexUrl}`);
  const search = new OpenSearchDirectoryIndex({ node: url.origin, index });
  try {
    const out: QueryLatency[] = [];
    for (const query of queries) {
      const start = performance.now();
      const hits = await search.search(query, limit);
      out.push({ query, ms: performance.now() - start, hits: hits.length });
    }
    return out;
  } finally {
    await search.close();
  }
}

export function summarise(latencies: readonly QueryLatency[]): LatencySummary {
  const sorted = latencies.map((l) => l.ms).sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

/** Every prefix of each name, as typed one key at a time ("C", "Ca", "Cam", ...). */
export function keystrokes(names: readonly string[], minLength = 2): string[] {
  return names.flatMap((name) =>
    Array.from({ length: name.length - minLength + 1 }, (_, i) => name.slice(0, minLength + i)),
  );
}

/**
 * What candidates type: for `count` real names spread over the 10k universities, the 2-5 letter
 * keystrokes of the name plus its first two distinctive short words ("Waseda", "Tokyo").
 */
export async function typeaheadQueries(count: number): Promise<string[]> {
  const all = await loadUniversities();
  const step = Math.max(1, Math.floor(all.length / count));
  const names = Array.from({ length: count }, (_, i) => all[(i * step + 7) % all.length]?.name ?? 'Waseda');
  const common = /^(university|universidad|universit[eéà]|universidade|of|de|the|and|institute|college|del|la|für|di)$/i;
  const words = names.flatMap((n) => n.split(/[\s,()-]+/).filter((w) => w.length >= 3 && w.length <= 12 && !common.test(w)).slice(0, 2));
  return [...keystrokes(names.map((n) => n.slice(0, 5))), ...words];
}

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * What Japanese candidates and those who know an acronym or a domain type: for the curated
 * well-known organisations (services/directory/data/known-names.json), every keystroke of the
 * Japanese name ("早", "早稲", "早稲田", ...), each acronym whole and its first two letters, and
 * the host of the website as typed one label at a time ("waseda", "waseda.ac", "waseda.ac.jp").
 */
export function japaneseAndAcronymQueries(count: number): { japanese: string[]; acronyms: string[] } {
  const known = knownNames().entries;
  const japanese = known
    .map((k) => k.aliases.find((a) => JAPANESE.test(a)))
    .filter((a): a is string => a !== undefined)
    .slice(0, count)
    .flatMap((name) => keystrokes([[...name].slice(0, 6).join('')], 1));
  const acronyms = known.flatMap((k) => k.acronyms).slice(0, count).flatMap((a) => [a.slice(0, 2), a]);
  return { japanese, acronyms };
}

/** The same queries through the gateway's public route, one after another, with a candidate token. */
export async function measureGateway(gatewayUrl: string, token: string, queries: readonly string[], limit = 10): Promise<QueryLatency[]> {
  const api = new HttpClient(gatewayUrl);
  try {
    const out: QueryLatency[] = [];
    for (const query of queries) {
      const start = performance.now();
      const r = await api.send('GET', `/api/v1/directory/search?q=${encodeURIComponent(query)}&limit=${limit}`, token);
      const ms = performance.now() - start;
      if (r.status !== 200) throw new Error(`search ${query} → ${r.status} ${r.body}`);
      out.push({ query, ms, hits: (JSON.parse(r.body) as { items: unknown[] }).items.length });
    }
    return out;
  } finally {
    api.close();
  }
}

/**
 * Waits until the directory's index holds every seeded account: the system counts as settled
 * once a new organisation is searchable, while the first boot's import of 10k universities may
 * still be filling the index (queries then measured on a partial index, some finding nothing).
 */
async function awaitFullIndex(indexUrl: string): Promise<void> {
  const url = new URL(indexUrl);
  const index = new OpenSearchDirectoryIndex({ node: url.origin, index: decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, '')) });
  const { organisations } = await seedOrganisations();
  const expected = organisations.reduce((n, o) => n + o.recipients.length, 0);
  const started = Date.now();
  try {
    for (let count = await index.count(); count < expected; count = await index.count()) {
      if (Date.now() - started > envInt('TYPEAHEAD_FILL_TIMEOUT_S', 300) * 1000) throw new Error(`the directory index holds ${count} of ${expected} accounts`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    await index.close();
  }
  console.error(`[bench] directory index full (${expected} seeded accounts) after ${((Date.now() - started) / 1000).toFixed(1)} s more`);
}

/** Gateway vs straight OpenSearch, alternating round by round so both see the same machine load. */
export async function runTypeahead(sys: BenchSystem, candidate: Candidate) {
  if ((process.env.BENCH_SEED ?? 'full') === 'full') await awaitFullIndex(sys.directoryIndexUrl);
  const latin = await typeaheadQueries(envInt('TYPEAHEAD_NAMES', 30));
  const { japanese, acronyms } = japaneseAndAcronymQueries(envInt('TYPEAHEAD_KNOWN', 30));
  const queries = [...latin, ...japanese, ...acronyms];
  const kindOf = new Map<string, string>([...latin.map((q) => [q, 'latin'] as const), ...japanese.map((q) => [q, 'japanese'] as const), ...acronyms.map((q) => [q, 'acronym'] as const)]);
  const rounds = envInt('TYPEAHEAD_ROUNDS', 3);
  await measureDirect(sys.directoryIndexUrl, queries.slice(0, 20)); // warm-up (JIT, connections, caches)
  await measureGateway(sys.url, candidate.token, queries.slice(0, 20));
  const direct: QueryLatency[] = [];
  const gateway: QueryLatency[] = [];
  for (let i = 0; i < rounds; i++) {
    direct.push(...(await measureDirect(sys.directoryIndexUrl, queries)));
    gateway.push(...(await measureGateway(sys.url, candidate.token, queries)));
  }
  const d = stats(direct.map((l) => l.ms));
  const g = stats(gateway.map((l) => l.ms));
  const ratioP50 = g.p50 / d.p50;
  const ratioP99 = g.p99 / d.p99;
  const met = ratioP99 <= 1.5 && g.p99 < 50;
  const emptyGateway = gateway.filter((l) => l.hits === 0).length;
  const byKind = (kind: string, list: readonly QueryLatency[]) => stats(list.filter((l) => kindOf.get(l.query) === kind).map((l) => l.ms));
  table(`typeahead: ${queries.length} queries (${latin.length} Latin, ${japanese.length} Japanese, ${acronyms.length} acronym) × ${rounds} rounds (ms)`, [
    { path: 'direct OpenSearch (baseline)', ...d },
    { path: 'gateway → directory → OpenSearch', ...g },
    { path: 'ratio gateway/direct', count: '', p50: ratioP50, p90: g.p90 / d.p90, p99: ratioP99, max: '', mean: g.mean / d.mean },
    ...['latin', 'japanese', 'acronym'].flatMap((kind) => [
      { path: `  ${kind}: direct`, ...byKind(kind, direct) },
      { path: `  ${kind}: gateway`, ...byKind(kind, gateway) },
    ]),
  ]);
  console.log(`target gateway p99 ≤ 1.5× direct and < 50 ms: ${met ? 'MET' : 'MISSED'} (p99 ${g.p99.toFixed(1)} ms, ${ratioP99.toFixed(2)}×; ${emptyGateway} queries with no hits)`);
  const slowest = [...gateway].sort((a, b) => b.ms - a.ms).slice(0, 5);
  const file = await writeResult('typeahead', { index: sys.directoryIndexUrl, queries: queries.length, kinds: { latin: latin.length, japanese: japanese.length, acronym: acronyms.length }, rounds, direct: d, gateway: g, ratio: { p50: ratioP50, p99: ratioP99 }, target: { gatewayP99MaxRatio: 1.5, gatewayP99MaxMs: 50, met }, slowestGateway: slowest });
  console.log(`wrote ${file}`);
  return { direct: d, gateway: g, met };
}

// node dist/bench/typeahead/typeahead.bench.js                   starts the distributed system itself
// node dist/bench/typeahead/typeahead.bench.js <indexUrl>        direct only, e.g. http://127.0.0.1:9200/directory
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const indexUrl = process.argv[2];
  if (indexUrl) {
    const { japanese, acronyms } = japaneseAndAcronymQueries(envInt('TYPEAHEAD_KNOWN', 30));
    console.log(JSON.stringify(summarise(await measureDirect(indexUrl, [...(await typeaheadQueries(envInt('TYPEAHEAD_NAMES', 30))), ...japanese, ...acronyms]))));
  }
  else await withSettledSystem(runTypeahead);
}
