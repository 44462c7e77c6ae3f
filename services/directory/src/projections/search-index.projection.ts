import { Inject, Injectable } from '@nestjs/common';
import { EventStore, type StoredEvent, type StoredOf } from '#libs/event-store';
import type { ApplyContext, Projection } from '#libs/projections';
import { organisationStream, organisationStreamId, type OrganisationEvent } from '../organisation/organisation.events.js';
import type { DirectorySearchIndex } from '../search/index.js';
import { DIRECTORY_INDEX } from '../directory.options.js';
import { organisationEventsByStream, organisationOf, searchChangeOf, type SearchChange } from './directory-entries.js';

const BATCH = 2000;

/** One organisation's place in search, as of a version of its stream. */
interface IndexedOrganisation extends SearchChange {
  streamId: string;
  version: number;
}

/** Versions 1, 2, … n: the stream from its start. */
const fromStart = (events: readonly StoredEvent[]): boolean => events.every((e, i) => e.version === i + 1);

/**
 * The typeahead index as a projection of the organisations' events: each changed organisation is
 * written as it now is (its active accounts once approved; the others removed), so an edit, a
 * deactivation or an approval is applied like a registration, and a repeat writes the same thing.
 * A stream version already indexed by this process (refill, seed) is skipped, so the relay does
 * not index 10k seeded organisations a second time one by one.
 */
@Injectable()
export class SearchIndexProjection implements Projection {
  readonly name = 'directory-search-index';
  /** streamId -> last version indexed by this process. */
  private readonly indexed = new Map<string, number>();
  /**
   * Batches are applied one at a time: each reads an organisation as it is now and writes it, so
   * an earlier read must not be written after a later one (two quick edits of one organisation).
   */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(DIRECTORY_INDEX) readonly index: DirectorySearchIndex,
    private readonly store: EventStore,
  ) {}

  async apply(event: StoredEvent): Promise<void> {
    await this.applyBatch([event], { live: true });
  }

  /** A batch in one bulk request per 2,000 accounts (a stream's later version wins). */
  applyBatch(events: readonly StoredEvent[], context: ApplyContext): Promise<void> {
    const run = this.turn.then(() => this.applyNow(events, context));
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async applyNow(events: readonly StoredEvent[], context: ApplyContext): Promise<void> {
    const fresh = events.filter((e) => (this.indexed.get(e.streamId) ?? 0) < e.version);
    const items: IndexedOrganisation[] = [];
    for (const [streamId, batch] of organisationEventsByStream(fresh)) {
      // A stream the batch holds from its start (a registration, an import) is folded from it; an
      // edit from the stream as stored (the organisation as it is now, even if later than the batch).
      const history: readonly StoredOf<OrganisationEvent>[] = fromStart(batch)
        ? batch
        : await this.store.readStream(organisationStreamId(streamId.slice(organisationStream.prefix.length)));
      const organisation = organisationOf(history);
      if (!organisation) continue;
      items.push({ streamId, version: Math.max(history.length, batch.at(-1)?.version ?? 0), ...searchChangeOf(organisation) });
    }
    // A live write is made searchable at once; the relay's batches (an import) skip the refresh.
    await this.applyMany(items, context.live);
  }

  /** Indexes many at once (rebuild, seed): one bulk request per 2,000 accounts. */
  async applyMany(items: readonly IndexedOrganisation[], visibleNow = true): Promise<void> {
    const entries = items.flatMap((i) => i.entries);
    const removed = items.flatMap((i) => i.removed);
    for (let i = 0; i < entries.length; i += BATCH) await this.index.upsert(entries.slice(i, i + BATCH), { visibleNow });
    for (let i = 0; i < removed.length; i += BATCH) await this.index.remove(removed.slice(i, i + BATCH), { visibleNow });
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
   * Indexes every organisation as its events leave it, over what the index holds (deactivated
   * accounts and organisations waiting for approval are removed); returns the accounts indexed.
   * Never emptied first: another instance may be serving searches from the same index (and a
   * drop there would let its live writes recreate the index without its mapping). An index held
   * in memory starts empty anyway.
   */
  async refill(store: EventStore): Promise<number> {
    let pending: IndexedOrganisation[] = [];
    let count = 0;
    let stream: StoredEvent[] = [];
    const flush = async (force: boolean) => {
      const [first] = stream;
      const organisation = first ? organisationOf([...organisationEventsByStream(stream).values()][0] ?? []) : null;
      if (first && organisation) {
        const change = searchChangeOf(organisation);
        pending.push({ streamId: first.streamId, version: stream.at(-1)?.version ?? 0, ...change });
        count += change.entries.length;
      }
      stream = [];
      if (force || pending.length >= BATCH) {
        await this.applyMany(pending);
        pending = [];
      }
    };
    for await (const event of store.readAll()) {
      if (stream.length > 0 && stream[0].streamId !== event.streamId) await flush(false);
      stream.push(event);
    }
    await flush(true);
    return count;
  }
}
