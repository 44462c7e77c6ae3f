import type { OrganisationKind } from '../organisation/organisation.events.js';

/** One recipient account (an organisation, or one of its faculties or departments) as search sees it. */
export interface DirectoryEntry {
  recipientId: string;
  organisationId: string;
  organisationName: string;
  /** null for an organisation's main account. */
  department: string | null;
  country: string;
  kind: OrganisationKind;
  /** Other names search should also find, in any script (e.g. "MIT", "東京大学"). */
  aliases: string[];
  website: string | null;
}

export interface DirectoryHit {
  recipientId: string;
  organisationId: string;
  organisationName: string;
  department: string | null;
  country: string;
  kind: OrganisationKind;
  /** The organisation's name in Japanese where the directory has one (an alias in kanji or kana). */
  japaneseName: string | null;
  score: number;
}

/** How often candidates sent results to an organisation (any of its accounts). */
export interface OrganisationPopularity {
  organisationId: string;
  shares: number;
}

/**
 * The typeahead index of recipient accounts: a projection, rebuildable from the directory's
 * own events. Two adapters: OpenSearch (distributed mode) and an in-memory token index (embedded mode); both
 * analyse text with src/search/analysis and order candidates with its ranking, so they agree.
 */
export interface DirectorySearchIndex {
  /** Creates the index (mappings, analyzers) if it does not exist. Idempotent. */
  init(): Promise<void>;
  /** Inserts or replaces entries by recipientId. Visible to search when the promise resolves. */
  /** `visibleNow` (default true): resolve only once searches see the entries (a bulk import may skip it). */
  upsert(entries: readonly DirectoryEntry[], options?: { visibleNow?: boolean }): Promise<void>;
  /**
   * Removes entries by recipientId (a deactivated account, an organisation waiting for approval);
   * an id not indexed is no error. Gone from search when the promise resolves (unless `visibleNow` is false).
   */
  remove(recipientIds: readonly string[], options?: { visibleNow?: boolean }): Promise<void>;
  /**
   * Sets organisations' share counts (the popularity signal) on their indexed accounts, kept
   * across later upserts of them. Its owner sends every count again after a rebuild.
   */
  setPopularity(counts: readonly OrganisationPopularity[]): Promise<void>;
  /** Best match first; at most `limit` hits. An empty or blank query returns no hits. */
  search(query: string, limit: number): Promise<DirectoryHit[]>;
  count(): Promise<number>;
  /** Drops every entry (used before a rebuild from zero). */
  clear(): Promise<void>;
  close(): Promise<void>;
}
