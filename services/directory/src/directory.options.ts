import type { DirectorySearchIndex } from './search/index.js';
import type { IdentityClient } from './integration/identity.client.js';

/** What the composition root decides for the directory: which search index, whether to seed, where identity is. */
export interface DirectoryOptions {
  /** Creates organisation users in identity (HttpIdentityClient on identity's internal URL). */
  identity: IdentityClient;
  /** MiniSearch (in memory) in embedded mode, OpenSearch in distributed mode. */
  searchIndex: DirectorySearchIndex;
  /** 'full' imports the universities and a few handmade organisations on first start. */
  seed: 'full' | 'none';
  /**
   * Distributed mode: rebuild the persistent index from zero at boot (after a mapping change).
   * It is rebuilt anyway when it is empty while organisations exist (a lost index).
   */
  rebuildIndex?: boolean;
  /** Invitations one candidate may send per hour (default 5). */
  invitationsPerHour?: number;
}

export const DIRECTORY_OPTIONS = Symbol('DIRECTORY_OPTIONS');
export const DIRECTORY_INDEX = Symbol('DIRECTORY_INDEX');
