import { analyseQuery, AS_TYPED, indexedText, rank, toSearchDocument, TokenIndex, type AnalysedQuery, type SearchDocument } from './analysis/index.js';
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
  private readonly popularity = new Map<string, number>();

  async init(): Promise<void> {
    // Nothing to create: the index lives in memory.
  }

  async upsert(entries: readonly DirectoryEntry[]): Promise<void> {
    for (const entry of entries) {
      const doc = toSearchDocument(entry);
      const text = indexedText(doc);
      const words = [text.names, text.department, text.keys].join(' ').split(' ').filter((w) => w !== '');
      this.tokens.set(doc.recipientId, words, text.country.split(' ').filter((w) => w !== ''));
      this.docs.set(doc.recipientId, doc);
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
    if (ranked.length < wanted || !ranked.slice(0, wanted).every((r) => r.score >= AS_TYPED)) {
      ranked = rank(q, this.candidates(q, true, wanted), this.popularityOf);
    }
    return ranked.slice(0, wanted).map(({ doc, score }) => ({
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

  private readonly popularityOf = (organisationId: string): number => this.popularity.get(organisationId) ?? 0;

  /**
   * The candidates the ranking orders: when a short prefix matches thousands, only the best
   * `poolSize` by how they matched, then as the OpenSearch adapter's query orders its pool
   * (well known, popular, shorter name first); an exact name is the shortest of its tier.
   */
  private candidates(q: AnalysedQuery, typos: boolean, limit: number): SearchDocument[] {
    const found = this.tokens.candidates(q.tokens, typos);
    const docs = found.map((c) => ({ match: c.match, doc: this.docs.get(c.id) })).filter((c): c is { match: 0 | 1 | 2 | 3; doc: SearchDocument } => c.doc !== undefined);
    const pool = Math.max(200, limit * 20);
    if (docs.length <= pool) return docs.map((c) => c.doc);
    const key = (c: { match: number; doc: SearchDocument }) => c.match * 100 + (c.doc.known ? 6 : 0) + Math.min(8, 2.5 * Math.log1p(this.popularityOf(c.doc.organisationId)));
    return docs
      .map((c) => ({ ...c, key: key(c) }))
      .sort((a, b) => b.key - a.key || a.doc.nameLength - b.doc.nameLength || (a.doc.recipientId < b.doc.recipientId ? -1 : 1))
      .slice(0, pool)
      .map((c) => c.doc);
  }

  async count(): Promise<number> {
    return this.docs.size;
  }

  async clear(): Promise<void> {
    this.tokens = new TokenIndex();
    this.docs = new Map();
  }

  async close(): Promise<void> {
    // Nothing to release.
  }
}

/** The embedded mode's index under its former name (it was built on MiniSearch). */
export const MiniSearchDirectoryIndex = InMemoryDirectoryIndex;
export type MiniSearchDirectoryIndex = InMemoryDirectoryIndex;
