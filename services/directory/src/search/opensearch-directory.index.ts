import { Client, errors } from '@opensearch-project/opensearch';
import { analyseQuery, needsTypoSearch, indexedText, poolSize, rank, toHit, toSearchDocument, type AnalysedQuery, type SearchDocument } from './analysis/index.js';
import type { DirectoryEntry, DirectoryHit, DirectorySearchIndex, OrganisationPopularity } from './directory-index.port.js';
import { DIRECTORY_INDEX_BODY, DIRECTORY_INDEX_VERSION, directoryQuery } from './opensearch-directory.mapping.js';

export interface OpenSearchDirectoryIndexOptions {
  /** e.g. http://127.0.0.1:9200 */
  node: string;
  /** Index name, e.g. "directory" (the physical index is "<name>-<mapping version>", e.g. "directory-v3"). */
  index: string;
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
      this.index = `${index}-${DIRECTORY_INDEX_VERSION}`;
    } else {
      this.client = new Client({ node: clientOrOptions.node });
      this.ownsClient = true;
      this.index = `${clientOrOptions.index}-${DIRECTORY_INDEX_VERSION}`;
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
      await this.bulkIndex(entries.slice(i, i + BULK_CHUNK), last, options.visibleNow === false);
    }
  }

  /**
   * A live write is a partial update (an insert when new), which keeps the popularity already
   * set on the account; a bulk import (not visible at once: the first boot's seed, in batches)
   * writes whole documents, twice as fast, and its owner sends the share counts again at boot.
   */
  private async bulkIndex(entries: readonly DirectoryEntry[], waitForRefresh: boolean, bulk: boolean): Promise<void> {
    const body: Record<string, unknown>[] = [];
    for (const entry of entries) {
      const doc = toSearchDocument(entry);
      const text = indexedText(doc);
      const fields = {
        recipientId: doc.recipientId,
        organisationId: doc.organisationId,
        t_names: text.names,
        t_department: text.department,
        t_keys: text.keys,
        t_country: text.country,
        whole_names: text.wholeNames,
        known: doc.known,
        nameLength: doc.nameLength,
        doc,
      };
      if (bulk) body.push({ index: { _index: this.index, _id: doc.recipientId } }, fields);
      else body.push({ update: { _index: this.index, _id: doc.recipientId } }, { doc_as_upsert: true, doc: fields });
    }
    await this.bulk(body, entries.length, waitForRefresh);
  }

  async remove(recipientIds: readonly string[], options: { visibleNow?: boolean } = {}): Promise<void> {
    for (let i = 0; i < recipientIds.length; i += BULK_CHUNK) {
      const chunk = recipientIds.slice(i, i + BULK_CHUNK);
      const last = i + BULK_CHUNK >= recipientIds.length && (options.visibleNow ?? true);
      // A delete of a document that is not there answers 404 without an error: nothing to remove.
      await this.bulk(chunk.map((id) => ({ delete: { _index: this.index, _id: id } })), chunk.length, last);
    }
  }

  private async bulk(body: Record<string, unknown>[], count: number, waitForRefresh: boolean): Promise<void> {
    if (body.length === 0) return;
    // A live change is made searchable at once (a forced refresh: organisations change rarely);
    // waiting for the periodic refresh would add up to a second to every new organisation.
    const res = await this.client.bulk({ body, refresh: waitForRefresh ? true : false });
    if (res.body.errors) {
      const items = res.body.items as Record<string, BulkItemResult>[];
      const failed = items.map((item) => Object.values(item)[0]).filter((r) => r?.error !== undefined);
      throw new Error(
        `OpenSearch bulk write: ${failed.length} of ${count} failed; first: ${JSON.stringify(failed[0]?.error)}`,
      );
    }
  }

  async setPopularity(counts: readonly OrganisationPopularity[]): Promise<void> {
    const wanted = new Map(counts.filter((c) => c.shares > 0).map((c) => [c.organisationId, c.shares]));
    if (wanted.size === 0) return;
    const ids = [...wanted.keys()];
    for (let i = 0; i < ids.length; i += 500) {
      const res = await this.client.search({
        index: this.index,
        body: { size: 10_000, _source: ['organisationId'], query: { terms: { organisationId: ids.slice(i, i + 500) } } },
      });
      const body: Record<string, unknown>[] = [];
      for (const hit of res.body.hits.hits) {
        const organisationId = (hit._source as { organisationId: string }).organisationId;
        body.push({ update: { _index: this.index, _id: hit._id } });
        // A rank feature must be positive: the count itself (at least 1 here).
        body.push({ doc: { popularity: wanted.get(organisationId) } });
      }
      await this.bulk(body, body.length / 2, true);
    }
  }

  async search(query: string, limit: number): Promise<DirectoryHit[]> {
    const q = analyseQuery(query);
    if (q.tokens.length === 0 || limit <= 0) return [];
    const wanted = Math.floor(limit);
    let docs = await this.candidates(q, wanted, false);
    let ranked = rank(q, docs.docs, docs.popularity);
    // Typos are looked for only when too few accounts match every word as typed (they rank below those).
    if (needsTypoSearch(q, ranked, wanted)) {
      docs = await this.candidates(q, wanted, true);
      ranked = rank(q, docs.docs, docs.popularity);
    }
    return ranked
      .slice(0, wanted)
      .map(toHit);
  }

  private async candidates(q: AnalysedQuery, limit: number, typos: boolean): Promise<{ docs: SearchDocument[]; popularity: (organisationId: string) => number }> {
    const res = await this.client.search({ index: this.index, body: directoryQuery(q, poolSize(limit), typos) });
    const docs: SearchDocument[] = [];
    const shares = new Map<string, number>();
    for (const hit of res.body.hits.hits) {
      const source = hit._source as { doc: SearchDocument; popularity?: number };
      docs.push(source.doc);
      if (source.popularity) shares.set(source.doc.organisationId, source.popularity);
    }
    return { docs, popularity: (id) => shares.get(id) ?? 0 };
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
