import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, StoredEvent } from '#libs/event-store';
import type { ApplyContext, Projection } from '#libs/projections';
import type { DirectoryEntry, DirectorySearchIndex } from '../search/index.js';
import { DIRECTORY_INDEX } from '../directory.options.js';
import { entriesOf } from './directory-entries.js';

const BATCH = 2000;

/**
 * The typeahead index as a projection of the organisations' events. Upserts by recipientId are
 * idempotent; a stream version already indexed by this process (refill, seed) is skipped, so
 * the relay does not index 10k seeded organisations a second time one by one.
 */
@Injectable()
export class SearchIndexProjection implements Projection {
  readonly name = 'directory-search-index';
  /** streamId -> last version indexed by this process. */
  private readonly indexed = new Map<string, number>();

  constructor(@Inject(DIRECTORY_INDEX) readonly index: DirectorySearchIndex) {}

  async apply(event: StoredEvent): Promise<void> {
    await this.applyBatch([event], { live: true });
  }

  /** A batch in one bulk request per 2,000 accounts (a stream's later version wins). */
  async applyBatch(events: readonly StoredEvent[], context: ApplyContext): Promise<void> {
    const fresh = events.filter((e) => (this.indexed.get(e.streamId) ?? 0) < e.version);
    // A live write is made searchable at once; the relay's batches (an import) skip the refresh.
    await this.applyMany(
      fresh.map((e) => ({ streamId: e.streamId, version: e.version, entries: entriesOf(e) })),
      context.live,
    );
  }

  /** Indexes many at once (rebuild, seed): one bulk request per 2,000 accounts. */
  async applyMany(items: readonly { streamId: string; version: number; entries: DirectoryEntry[] }[], visibleNow = true): Promise<void> {
    const entries = items.flatMap((i) => i.entries);
    for (let i = 0; i < entries.length; i += BATCH) await this.index.upsert(entries.slice(i, i + BATCH), { visibleNow });
    for (const item of items) this.markIndexed(item.streamId, item.version);
  }

  markIndexed(streamId: string, version: number): void {
    if ((this.indexed.get(streamId) ?? 0) < version) this.indexed.set(streamId, version);
  }

  async reset(): Promise<void> {
    await this.index.clear();
    this.indexed.clear();
  }

  /**
   * Indexes every account from the directory's own events over what the index holds; returns the
   * accounts indexed. Never emptied first: another instance may be serving searches from the
   * same index (and a drop there would let its live writes recreate the index without its
   * mapping); an organisation's entries never change once registered, so a write over an entry
   * writes what is there. An index held in memory starts empty anyway.
   */
  async refill(store: EventStore): Promise<number> {
    let pending: { streamId: string; version: number; entries: DirectoryEntry[] }[] = [];
    let count = 0;
    for await (const event of store.readAll()) {
      const entries = entriesOf(event);
      if (entries.length === 0) continue;
      pending.push({ streamId: event.streamId, version: event.version, entries });
      count += entries.length;
      if (pending.length >= BATCH) {
        await this.applyMany(pending);
        pending = [];
      }
    }
    await this.applyMany(pending);
    return count;
  }
}
