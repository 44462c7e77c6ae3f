import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, seedOrganisations } from '../../src/organisation/seed/seed-organisations.js';
import { entriesOfOrganisation } from '../../src/projections/directory-entries.js';
import type { DirectoryEntry, DirectoryHit, DirectorySearchIndex } from '../../src/search/index.js';

/** One query of queries.json: the account it must find and the worst rank allowed. */
export interface QualityQuery {
  q: string;
  name: string;
  department?: string;
  country?: string;
  rank: number;
  tag: string;
}

export interface QueryOutcome {
  query: QualityQuery;
  /** 1-based; 0 when not in the first 10. */
  rank: number;
  top5: string[];
  shown: string[];
}

export interface ModeReport {
  mode: string;
  outcomes: QueryOutcome[];
  passed: number;
  top1: number;
  top3: number;
}

export function loadQueries(): QualityQuery[] {
  // Read from the source tree (the compiled test runs from dist/).
  const path = join(repoRoot(), 'services', 'directory', 'test', 'search-quality', 'queries.json');
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { queries: QualityQuery[] };
  return parsed.queries;
}

/** The whole directory as the first boot imports it: every university and the handmade organisations with their accounts. */
export async function fullDirectory(): Promise<DirectoryEntry[]> {
  const { organisations } = await seedOrganisations();
  return organisations.flatMap(entriesOfOrganisation);
}

const label = (h: DirectoryHit): string => (h.department ? `${h.organisationName} / ${h.department}` : h.organisationName);

const isAnswer = (query: QualityQuery, h: DirectoryHit): boolean =>
  h.organisationName === query.name &&
  (query.department ?? null) === h.department &&
  (query.country === undefined || query.country === h.country);

export async function runSuite(mode: string, index: DirectorySearchIndex, queries: readonly QualityQuery[]): Promise<ModeReport> {
  const outcomes: QueryOutcome[] = [];
  for (const query of queries) {
    const hits = await index.search(query.q, 10);
    const at = hits.findIndex((h) => isAnswer(query, h));
    outcomes.push({ query, rank: at + 1, top5: hits.slice(0, 5).map((h) => h.recipientId), shown: hits.slice(0, 5).map(label) });
  }
  const within = (n: number) => outcomes.filter((o) => o.rank > 0 && o.rank <= n).length;
  return {
    mode,
    outcomes,
    passed: outcomes.filter((o) => o.rank > 0 && o.rank <= o.query.rank).length,
    top1: within(1),
    top3: within(3),
  };
}

/** Mean overlap of the two modes' first five accounts, query by query (1 = the same five). */
export function top5Agreement(a: ModeReport, b: ModeReport): { overlap: number; identical: number } {
  let overlap = 0;
  let identical = 0;
  a.outcomes.forEach((o, i) => {
    const other = b.outcomes[i]?.top5 ?? [];
    const size = Math.max(o.top5.length, other.length);
    overlap += size === 0 ? 1 : o.top5.filter((id) => other.includes(id)).length / size;
    if (o.top5.join() === other.join()) identical++;
  });
  return { overlap: overlap / a.outcomes.length, identical: identical / a.outcomes.length };
}

const pct = (n: number, of: number): string => `${((100 * n) / of).toFixed(1)}%`;

/** The report printed by the suite: rates per mode and per kind of query, then every miss. */
export function formatReport(reports: readonly ModeReport[], agreement?: { overlap: number; identical: number }): string {
  const lines: string[] = [];
  const total = reports[0]?.outcomes.length ?? 0;
  lines.push(`search quality: ${total} queries`);
  lines.push('mode         at required rank   top-1    top-3');
  for (const r of reports) lines.push(`${r.mode.padEnd(12)} ${pct(r.passed, total).padStart(16)} ${pct(r.top1, total).padStart(8)} ${pct(r.top3, total).padStart(8)}`);
  const tags = [...new Set(reports[0]?.outcomes.map((o) => o.query.tag) ?? [])];
  for (const tag of tags) {
    const cells = reports.map((r) => {
      const of = r.outcomes.filter((o) => o.query.tag === tag);
      const ok = of.filter((o) => o.rank > 0 && o.rank <= o.query.rank).length;
      return `${r.mode} ${ok}/${of.length}`;
    });
    lines.push(`  ${tag.padEnd(13)} ${cells.join('   ')}`);
  }
  if (agreement) lines.push(`top-5 agreement between the modes: ${(100 * agreement.overlap).toFixed(1)}% overlap, ${(100 * agreement.identical).toFixed(1)}% identical in order`);
  for (const r of reports) {
    for (const o of r.outcomes.filter((x) => !(x.rank > 0 && x.rank <= x.query.rank))) {
      lines.push(`  MISS ${r.mode}: "${o.query.q}" -> ${o.query.name}${o.query.department ? ` / ${o.query.department}` : ''} wanted ≤${o.query.rank}, got ${o.rank || '>10'}: ${o.shown.join(' | ')}`);
    }
  }
  return lines.join('\n');
}
