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
  /** Other names search should also find (e.g. "MIT", "Tokyo Daigaku"). */
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
  score: number;
}

/**
 * The typeahead index of recipient accounts: a projection, rebuildable from the directory's
 * own events. Two adapters: OpenSearch (distributed mode) and MiniSearch (embedded mode).
 */
export interface DirectorySearchIndex {
  /** Creates the index (mappings, analyzers) if it does not exist. Idempotent. */
  init(): Promise<void>;
  /** Inserts or replaces entries by recipientId. Visible to search when the promise resolves. */
  /** `visibleNow` (default true): resolve only once searches see the entries (a bulk import may skip it). */
  upsert(entries: readonly DirectoryEntry[], options?: { visibleNow?: boolean }): Promise<void>;
  /** Best match first; at most `limit` hits. An empty or blank query returns no hits. */
  search(query: string, limit: number): Promise<DirectoryHit[]>;
  count(): Promise<number>;
  /** Drops every entry (used before a rebuild from zero). */
  clear(): Promise<void>;
  close(): Promise<void>;
}
