import { ConcurrencyError, type EventMetadata, type EventStore } from '#libs/event-store';
import { organisationDecider } from '../organisation.decider.js';
import { organisationStreamId } from '../organisation.events.js';
import { UNIVERSITIES_FILE } from '../../search/index.js';
import { seedOrganisations } from './seed-organisations.js';
import { SEED_ACTOR, SEED_STREAM_ID, type SeedEvent } from './seed.events.js';

export interface SeedReport {
  organisations: number;
  accounts: number;
  /** Organisations that already existed (an earlier import stopped half-way, or another replica). */
  skipped: number;
  /** Records of the data set that repeat a name and country. */
  repeated: number;
  ms: number;
}

const METADATA: EventMetadata = { correlationId: SEED_STREAM_ID, causationId: null, actor: SEED_ACTOR };

export interface SeedOptions {
  /** Waits before each chunk (the outbox relay's back-pressure: the import never runs far ahead of publishing). */
  beforeChunk?: () => Promise<void>;
}

/**
 * First-boot import of the directory's seed data: each organisation its own stream, decided by
 * the same decider as a live registration and appended on the same path (outbox entries, then
 * events) in chunks of 500, on the outbox's bulk lane so live events overtake it. Event ids are
 * derived from the stream, so an import that stopped half-way and runs again (or a second
 * replica) writes and publishes the very same events. Returns null when already imported.
 */
export async function seedDirectory(store: EventStore, options: SeedOptions = {}): Promise<SeedReport | null> {
  if ((await store.readStream(SEED_STREAM_ID)).length > 0) return null;
  const started = performance.now();
  const { organisations, repeated } = await seedOrganisations();
  const existing = await store.startStreams(
    organisations.map((organisation) => ({
      streamId: organisationStreamId(organisation.organisationId),
      events: organisationDecider.decide({ type: 'RegisterOrganisation', data: organisation }, organisationDecider.initialState),
    })),
    METADATA,
    { lane: 'bulk', derivedIds: true, chunkSize: 500, ...(options.beforeChunk ? { beforeChunk: options.beforeChunk } : {}) },
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
