import type { DirectorySearchIndex } from './search/index.js';
import type { IdentityClient } from './integration/identity.client.js';

/** What the composition root decides for the directory: which search index, whether to seed, where identity is. */
export interface DirectoryOptions {
  /** Creates organisation users in identity (HttpIdentityClient on identity's internal URL). */
  identity: IdentityClient;
  /** The in-memory token index in embedded mode, OpenSearch in distributed mode. */
  searchIndex: DirectorySearchIndex;
  /** 'full' imports the universities and a few handmade organisations on first start. */
  seed: 'full' | 'none';
  /**
   * Fill the index from the directory's events at every boot: true for an index held in memory
   * (the in-memory index), and for a persistent one when asked to (DIRECTORY_REBUILD_INDEX). A persistent
   * index is filled anyway when it is empty while organisations exist (a lost index, or a new
   * OPENSEARCH_INDEX name: how a mapping change is rolled out). Filled in place, never dropped:
   * safe while other directory instances serve from it. See DirectorySettings in config.ts.
   */
  rebuildIndexAtBoot: boolean;
  /** Invitations one candidate may send per hour (default 5). */
  invitationsPerHour?: number;
  /** 'required': an organisation from an accepted invitation waits for the operator's approval before it is in search (default 'off'). */
  invitationApproval?: 'required' | 'off';
}

export const DIRECTORY_OPTIONS = Symbol('DIRECTORY_OPTIONS');
export const DIRECTORY_INDEX = Symbol('DIRECTORY_INDEX');
