import MiniSearch, { type SearchOptions } from 'minisearch';
import {
  allowedEdits,
  analyseQuery,
  indexedText,
  rank,
  toSearchDocument,
  type IndexedText,
  type SearchDocument,
} from './analysis/index.js';
import type { DirectoryEntry, DirectoryHit, DirectorySearchIndex, OrganisationPopularity } from './directory-index.port.js';



type Indexed = IndexedText & { id: string; grams: string };

const FIELDS: (keyof Indexed)[] = ['names', 'department', 'keys', 'country', 'grams'];

/** Beginnings (4 characters and longer) of long words: a typo in a word still being typed ("cambrd") is a typo in one of them. */
const grams = (text: IndexedText): string => {
  const out = new Set<string>();
  for (const word of `${text.names} ${text.department} ${text.keys}`.split(' ')) {
    const chars = [...word];
    for (let n = 4; n < chars.length; n++) out.add(chars.slice(0, n).join(''));
  }
  return [...out].join(' ');
};

/** Candidates only: the shared ranking (analysis/ranking.ts) orders them. */
const SEARCH_OPTIONS: SearchOptions = {
  prefix: true,
  // Levenshtein counts a transposition as two edits; the ranking then keeps only what it allows.
  fuzzy: (term) => {
    const edits = allowedEdits(term);
    return edits === 0 ? false : edits + 1;
  },
  maxFuzzy: 3,
  combineWith: 'AND',
};

/**
 * The typeahead index held in memory (embedded mode): a projection rebuilt by its owner on
 * start, so nothing is persisted. Same analysis and ranking as the OpenSearch adapter.
 */
export class MiniSearchDirectoryIndex implements DirectorySearchIndex {
  private mini = MiniSearchDirectoryIndex.create();
  private docs = new Map<string, SearchDocument>();
  private readonly popularity = new Map<string, number>();

  private static create(): MiniSearch<Indexed> {
    return new MiniSearch<Indexed>({
      idField: 'id',
      fields: FIELDS,
      // The text is analysed already (analysis/text.ts): tokens are separated by single spaces.
      tokenize: (text) => text.split(' '),
      processTerm: (term) => (term === '' ? null : term),
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
      const doc = toSearchDocument(entry);
      const text = indexedText(doc);
      const indexed: Indexed = { ...text, id: doc.recipientId, grams: grams(text) };
      if (this.mini.has(doc.recipientId)) this.mini.replace(indexed);
      else this.mini.add(indexed);
      this.docs.set(doc.recipientId, doc);
    }
  }

  async setPopularity(counts: readonly OrganisationPopularity[]): Promise<void> {
    for (const { organisationId, shares } of counts) this.popularity.set(organisationId, shares);
  }

  async search(query: string, limit: number): Promise<DirectoryHit[]> {
    const q = analyseQuery(query);
    if (q.tokens.length === 0 || limit <= 0) return [];
    const text = q.tokens.join(' ');
    let results = this.mini.search(text);
    // Every typed word must match somewhere; if none does, fall back to any word matching.
    if (results.length === 0) results = this.mini.search(text, { combineWith: 'OR' });
    const candidates = results.map((r) => this.docs.get(String(r.id))).filter((d): d is SearchDocument => d !== undefined);
    return rank(q, candidates, (id) => this.popularity.get(id) ?? 0)
      .slice(0, Math.floor(limit))
      .map(({ doc, score }) => ({
        recipientId: doc.recipientId,
        organisationId: doc.organisationId,
        organisationName: doc.organisationName,
        department: doc.department,
        country: doc.country,
        kind: doc.kind,
        japaneseName: doc.japaneseName ?? null,
        score,
      }));
  }

  async count(): Promise<number> {
    return this.mini.documentCount;
  }

  async clear(): Promise<void> {
    this.mini = MiniSearchDirectoryIndex.create();
    this.docs = new Map();
  }

  async close(): Promise<void> {
    // Nothing to release.
  }
}
