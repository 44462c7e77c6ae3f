import MiniSearch, { type SearchOptions, type SearchResult } from 'minisearch';
import type { OrganisationKind } from '../organisation/organisation.events.js';
import type { DirectoryEntry, DirectoryHit, DirectorySearchIndex } from './directory-index.port.js';

/** Lowercases and folds accents: "Université" -> "universite". */
export function foldTerm(term: string): string {
  return term
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Folds a whole text for exact comparison: accents, case, punctuation, spacing. */
function foldText(text: string): string {
  return foldTerm(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface Stored {
  organisationId: string;
  organisationName: string;
  department: string | null;
  country: string;
  kind: OrganisationKind;
  aliases: string[];
}

const FIELDS = ['organisationName', 'aliases', 'department', 'country'];
const STORED = ['organisationId', 'organisationName', 'department', 'country', 'kind', 'aliases'];

/** An exact whole name (or alias) beats any partial match. */
const EXACT_NAME_BONUS = 3;

/**
 * Typos are forgiven only in words long enough to carry one: no fuzziness under 4 letters
 * (like OpenSearch's `fuzziness: AUTO`), then 20% of the word's length.
 */
function fuzziness(term: string): number | boolean {
  return term.length < 4 ? false : 0.2;
}

const SEARCH_OPTIONS: SearchOptions = {
  boost: { organisationName: 3, aliases: 2.5, department: 1.5, country: 0.3 },
  prefix: true,
  fuzzy: fuzziness,
  maxFuzzy: 2,
  // exact word > prefix of a word > fuzzy match (MiniSearch's defaults are 0.375 and 0.45)
  weights: { prefix: 0.5, fuzzy: 0.2 },
  combineWith: 'AND',
};

/**
 * The typeahead index held in memory (embedded mode): a projection rebuilt by its owner on
 * start, so nothing is persisted. Same ranking intent as the OpenSearch adapter.
 */
export class MiniSearchDirectoryIndex implements DirectorySearchIndex {
  private mini = MiniSearchDirectoryIndex.create();

  private static create(): MiniSearch<DirectoryEntry> {
    return new MiniSearch<DirectoryEntry>({
      idField: 'recipientId',
      fields: FIELDS,
      storeFields: STORED,
      // Only for indexing (stored fields keep their values: aliases stay an array).
      stringifyField: (value: unknown) => (Array.isArray(value) ? value.join(' ; ') : typeof value === 'string' ? value : ''),
      processTerm: (term) => {
        const folded = foldTerm(term);
        return folded === '' ? null : folded;
      },
      searchOptions: SEARCH_OPTIONS,
    });
  }

  async init(): Promise<void> {
    // Nothing to create: the index lives in memory.
  }

  async upsert(entries: readonly DirectoryEntry[]): Promise<void> {
    const latest = new Map<string, DirectoryEntry>();
    for (const entry of entries) latest.set(entry.recipientId, entry);
    for (const entry of latest.values()) {
      const doc: DirectoryEntry = { ...entry, aliases: [...entry.aliases] };
      if (this.mini.has(entry.recipientId)) this.mini.replace(doc);
      else this.mini.add(doc);
    }
  }

  async search(query: string, limit: number): Promise<DirectoryHit[]> {
    const q = query.trim();
    if (q === '' || limit <= 0) return [];
    let results = this.mini.search(q);
    // Every typed word must match somewhere; if none does, fall back to any word matching.
    if (results.length === 0) results = this.mini.search(q, { combineWith: 'OR' });
    const wanted = foldText(q);
    const ranked = results.map((r) => rank(r, wanted));
    ranked.sort((a, b) => {
      const close = Math.abs(a.score - b.score) <= 1e-6 * Math.max(a.score, b.score);
      if (!close) return b.score - a.score;
      return a.length - b.length || a.hit.recipientId.localeCompare(b.hit.recipientId);
    });
    return ranked.slice(0, Math.floor(limit)).map((r) => r.hit);
  }

  async count(): Promise<number> {
    return this.mini.documentCount;
  }

  async clear(): Promise<void> {
    this.mini = MiniSearchDirectoryIndex.create();
  }

  async close(): Promise<void> {
    // Nothing to release.
  }
}

interface Ranked {
  hit: DirectoryHit;
  score: number;
  length: number;
}

function rank(result: SearchResult, wanted: string): Ranked {
  const s = result as unknown as SearchResult & Stored;
  const exact =
    foldText(s.organisationName) === wanted || s.aliases.some((alias) => foldText(alias) === wanted);
  const length = s.organisationName.length + (s.department?.length ?? 0);
  // A small tie-breaker favouring shorter names (a main account before its departments).
  const score = result.score * (exact ? EXACT_NAME_BONUS : 1) * (1 + 1 / (100 + length));
  return {
    hit: {
      recipientId: String(result.id),
      organisationId: s.organisationId,
      organisationName: s.organisationName,
      department: s.department ?? null,
      country: s.country,
      kind: s.kind,
      score,
    },
    score,
    length,
  };
}
