import { analyseQuery, needsTypoSearch, indexedText, poolSize, rank, toHit, startsWithCounts, toSearchDocument, TokenIndex, type AnalysedQuery, type SearchDocument } from './analysis/index.js';
import type { DirectoryEntry, DirectoryHit, DirectorySearchIndex, OrganisationPopularity } from './directory-index.port.js';

/**
 * The typeahead index held in memory (embedded mode): a projection rebuilt by its owner on
 * start, so nothing is persisted. Its candidates come from an inverted index of the shared
 * analysis' tokens (analysis/token-index.ts), matched by the ranking's own rules, and the shared
 * ranking orders them: the same behaviour as the OpenSearch adapter, without a search engine.
 */
export class InMemoryDirectoryIndex implements DirectorySearchIndex {
  private tokens = new TokenIndex();
  private docs = new Map<string, SearchDocument>();
  /** What the OpenSearch query matches whole: each name, each key. */
  private exact = new Map<string, { wholeNames: string[]; keys: string[] }>();
  private readonly popularity = new Map<string, number>();

  async init(): Promise<void> {
    // Nothing to create: the index lives in memory.
  }

  async upsert(entries: readonly DirectoryEntry[]): Promise<void> {
    for (const entry of entries) {
      const doc = toSearchDocument(entry);
      const text = indexedText(doc);
      const words = [text.names, text.department].join(' ').split(' ').filter((w) => w !== '').concat(text.keys);
      this.tokens.set(doc.recipientId, words, text.country.split(' ').filter((w) => w !== ''));
      this.docs.set(doc.recipientId, doc);
      this.exact.set(doc.recipientId, { wholeNames: text.wholeNames, keys: text.keys });
    }
  }

  async remove(recipientIds: readonly string[]): Promise<void> {
    for (const id of recipientIds) {
      this.tokens.remove(id);
      this.docs.delete(id);
      this.exact.delete(id);
    }
  }

  async setPopularity(counts: readonly OrganisationPopularity[]): Promise<void> {
    for (const { organisationId, shares } of counts) this.popularity.set(organisationId, shares);
  }

  async search(query: string, limit: number): Promise<DirectoryHit[]> {
    const q = analyseQuery(query);
    if (q.tokens.length === 0 || limit <= 0) return [];
    const wanted = Math.floor(limit);
    let ranked = rank(q, this.candidates(q, false, wanted), this.popularityOf);
    // Typos are looked for only when too few accounts match every word as typed (they rank below
    // those), as the OpenSearch adapter does.
    if (needsTypoSearch(q, ranked, wanted)) {
      ranked = rank(q, this.candidates(q, true, wanted), this.popularityOf);
    }
    return ranked.slice(0, wanted).map(toHit);
  }

  private readonly popularityOf = (organisationId: string): number => this.popularity.get(organisationId) ?? 0;

  /**
   * The candidates the ranking orders: the pool the OpenSearch adapter's query would fetch (the
   * same size, ordered by the same constant scores: exact name or key, every word whole, every
   * word as typed, typos, name starting with the query, well known, popular; then the shorter
   * name), so that both modes rank the same accounts.
   */
  private candidates(q: AnalysedQuery, typos: boolean, limit: number): SearchDocument[] {
    const found = this.tokens.candidates(q.tokens, typos);
    const size = poolSize(limit);
    const single = q.tokens.length === 1 ? q.tokens[0] : null;
    const host = q.host;
    const startsWith = startsWithCounts(q.whole);
    const scored = found.flatMap((c) => {
      const doc = this.docs.get(c.id);
      const exact = this.exact.get(c.id);
      if (!doc || !exact) return [];
      let key = c.match === 0 ? 0.5 : 0;
      if (exact.wholeNames.includes(q.whole) || (single !== null && exact.keys.includes(single))) key += 300;
      if (host !== null && exact.keys.some((k) => k.startsWith(host))) key += 100;
      if (c.match === 3) key += 150;
      if (c.match >= 2) key += 100;
      if (typos && c.match >= 1) key += 50;
      if (startsWith && exact.wholeNames.some((n) => n.startsWith(q.whole))) key += 8;
      if (doc.known) key += 6;
      key += 2.5 * Math.log1p(this.popularityOf(doc.organisationId));
      return [{ doc, key }];
    });
    if (scored.length <= size) return scored.map((c) => c.doc);
    return scored
      .sort((a, b) => b.key - a.key || a.doc.nameLength - b.doc.nameLength || (a.doc.recipientId < b.doc.recipientId ? -1 : 1))
      .slice(0, size)
      .map((c) => c.doc);
  }

  async count(): Promise<number> {
    return this.docs.size;
  }

  async clear(): Promise<void> {
    this.tokens = new TokenIndex();
    this.docs = new Map();
    this.exact = new Map();
  }

  async close(): Promise<void> {
    // Nothing to release.
  }
}
