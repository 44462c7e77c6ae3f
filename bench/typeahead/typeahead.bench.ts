import { pathToFileURL } from 'node:url';
import { OpenSearchDirectoryIndex } from '#libs/search';

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

// node dist/bench/typeahead/typeahead.bench.js [http://127.0.0.1:9200/directory]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const indexUrl = process.argv[2] ?? `${process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200'}/directory`;
  const queries = keystrokes([
    'Cambridge',
    'Waseda',
    'Imperial',
    'Universite de Montreal',
    'Tokyo University',
  ]);
  const latencies = await measureDirect(indexUrl, queries);
  console.log(JSON.stringify(summarise(latencies)));
}
