import { Client, errors } from '@opensearch-project/opensearch';
import type { OrganisationKind } from '../organisation/organisation.events.js';
import type { DirectoryEntry, DirectoryHit, DirectorySearchIndex } from './directory-index.port.js';
import { DIRECTORY_INDEX_BODY, directoryQuery } from './opensearch-directory.mapping.js';

export interface OpenSearchDirectoryIndexOptions {
  /** e.g. http://127.0.0.1:9200 */
  node: string;
  /** Index name, e.g. "directory". */
  index: string;
}

interface StoredEntry {
  recipientId: string;
  organisationId: string;
  organisationName: string;
  department: string | null;
  country: string;
  kind: OrganisationKind;
}

/** Documents per bulk request: a full rebuild (10k+ accounts) goes in several requests. */
const BULK_CHUNK = 2000;

interface BulkItemResult {
  status?: number;
  error?: unknown;
}

/** The typeahead index in OpenSearch (distributed mode). One document per recipient account. */
export class OpenSearchDirectoryIndex implements DirectorySearchIndex {
  private readonly client: Client;
  private readonly ownsClient: boolean;
  readonly index: string;

  constructor(options: OpenSearchDirectoryIndexOptions);
  constructor(client: Client, index: string);
  constructor(clientOrOptions: Client | OpenSearchDirectoryIndexOptions, index?: string) {
    if (clientOrOptions instanceof Client) {
      if (!index) throw new Error('OpenSearchDirectoryIndex: an index name is required');
      this.client = clientOrOptions;
      this.ownsClient = false;
      this.index = index;
    } else {
      this.client = new Client({ node: clientOrOptions.node });
      this.ownsClient = true;
      this.index = clientOrOptions.index;
    }
  }

  async init(): Promise<void> {
    const exists = await this.client.indices.exists({ index: this.index });
    if (exists.body) return;
    try {
      await this.client.indices.create({
        index: this.index,
        // The generated request types are narrower than the settings OpenSearch accepts.
        body: DIRECTORY_INDEX_BODY as unknown as NonNullable<
          Parameters<Client['indices']['create']>[0]['body']
        >,
      });
    } catch (error) {
      if (errorType(error) === 'resource_already_exists_exception') return;
      throw error;
    }
  }

  async upsert(entries: readonly DirectoryEntry[], options: { visibleNow?: boolean } = {}): Promise<void> {
    for (let i = 0; i < entries.length; i += BULK_CHUNK) {
      // A refresh makes every earlier write visible too: only the last request waits for it.
      const last = i + BULK_CHUNK >= entries.length && (options.visibleNow ?? true);
      await this.bulkIndex(entries.slice(i, i + BULK_CHUNK), last);
    }
  }

  private async bulkIndex(entries: readonly DirectoryEntry[], waitForRefresh: boolean): Promise<void> {
    const body: Record<string, unknown>[] = [];
    for (const e of entries) {
      body.push({ index: { _index: this.index, _id: e.recipientId } });
      body.push({
        recipientId: e.recipientId,
        organisationId: e.organisationId,
        organisationName: e.organisationName,
        department: e.department,
        country: e.country,
        kind: e.kind,
        aliases: e.aliases,
        website: e.website,
        nameLength: e.organisationName.length + (e.department?.length ?? 0),
      });
    }
    // A live change is made searchable at once (a forced refresh: organisations change rarely);
    // waiting for the periodic refresh would add up to a second to every new organisation.
    const res = await this.client.bulk({ body, refresh: waitForRefresh ? true : false });
    if (res.body.errors) {
      const items = res.body.items as Record<string, BulkItemResult>[];
      const failed = items.map((item) => Object.values(item)[0]).filter((r) => r?.error !== undefined);
      throw new Error(
        `OpenSearch bulk upsert: ${failed.length} of ${entries.length} failed; first: ${JSON.stringify(failed[0]?.error)}`,
      );
    }
  }

  async search(query: string, limit: number): Promise<DirectoryHit[]> {
    const q = query.trim();
    if (q === '' || limit <= 0) return [];
    const res = await this.client.search({
      index: this.index,
      body: directoryQuery(q, Math.floor(limit)),
    });
    return res.body.hits.hits.map((hit) => {
      const s = hit._source as unknown as StoredEntry;
      return {
        recipientId: s.recipientId,
        organisationId: s.organisationId,
        organisationName: s.organisationName,
        department: s.department ?? null,
        country: s.country,
        kind: s.kind,
        score: typeof hit._score === 'number' ? hit._score : 0,
      };
    });
  }

  async count(): Promise<number> {
    const res = await this.client.count({ index: this.index });
    return res.body.count;
  }

  /**
   * Drops the index and creates it anew: cheaper than deleting every document, and it needs
   * no delete_by_query (the reindex module, which a minimal node may lack).
   */
  async clear(): Promise<void> {
    await this.drop();
    await this.init();
  }

  /** Deletes the whole index (tests, or a rebuild that changes the mapping). */
  async drop(): Promise<void> {
    try {
      await this.client.indices.delete({ index: this.index });
    } catch (error) {
      if (errorType(error) !== 'index_not_found_exception') throw error;
    }
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.client.close();
  }
}

function errorType(error: unknown): string | undefined {
  if (!(error instanceof errors.ResponseError)) return undefined;
  const body: unknown = error.meta.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const inner = (body as { error?: { type?: unknown } }).error;
  return typeof inner?.type === 'string' ? inner.type : undefined;
}
