import { ConcurrencyError, type EventMetadata, type EventStore, type StoredEvent } from '#libs/event-store';
import type { SearchIndexProjection } from '../../projections/search-index.projection.js';
import { entriesOfOrganisation } from '../../projections/directory-entries.js';
import { organisationDecider } from '../organisation.decider.js';
import { organisationStreamId } from '../organisation.events.js';
import { seedOrganisations, UNIVERSITIES_FILE } from './seed-organisations.js';
import { SEED_STREAM_ID, type SeedEvent } from './seed.events.js';

export interface SeedReport {
  organisations: number;
  accounts: number;
  /** Organisations that already existed (an earlier import stopped half-way, or another replica). */
  skipped: number;
  /** Records of the data set that repeat a name and country. */
  repeated: number;
  ms: number;
}

const METADATA: EventMetadata = { correlationId: SEED_STREAM_ID, causationId: null, actor: 'directory-seed' };

/**
 * First-boot import of the directory's seed data, each organisation its own stream appended at
 * version 0 (so a repeat, or a second replica, only meets ConcurrencyErrors), in bulk. The search index gets the accounts in bulk first, so the outbox relay
 * does not index 10k organisations one by one. Returns null when the seed was already imported.
 */
export async function seedDirectory(
  store: EventStore,
  search: SearchIndexProjection,
  publishFirst?: (events: readonly StoredEvent[]) => Promise<void>,
): Promise<SeedReport | null> {
  if ((await store.readStream(SEED_STREAM_ID)).length > 0) return null;
  const started = performance.now();
  const { organisations, repeated } = await seedOrganisations();
  await search.applyMany(
    organisations.map((o) => ({ streamId: organisationStreamId(o.organisationId), version: 1, entries: entriesOfOrganisation(o) })),
  );
  // One insert per 500 organisations: 10k single appends would crowd out live traffic on the database.
  const existing = await store.startStreams(
    organisations.map((organisation) => ({
      streamId: organisationStreamId(organisation.organisationId),
      events: organisationDecider.decide({ type: 'RegisterOrganisation', data: organisation }, organisationDecider.initialState),
    })),
    METADATA,
    { publishFirst },
  );
  const skipped = existing.length;
  const accounts = organisations.reduce((n, o) => n + o.recipients.length, 0);
  const marker: SeedEvent = {
    type: 'DirectorySeeded',
    data: { organisations: organisations.length, accounts, skipped, source: UNIVERSITIES_FILE },
  };
  try {
    await store.append(SEED_STREAM_ID, 0, [marker], METADATA);
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error; // another replica finished first
  }
  return { organisations: organisations.length, accounts, skipped, repeated, ms: Math.round(performance.now() - started) };
}
