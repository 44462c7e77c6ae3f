import { aggregateStream } from '#libs/event-store';
/** Written once, after the first import of the seed data: its presence means "already seeded". */
export type SeedEvent = {
  type: 'DirectorySeeded';
  data: { organisations: number; accounts: number; skipped: number; source: string };
};

/** Bump the suffix to import a new edition of the seed data (ids are deterministic: nothing doubles). */
export const seedStream = aggregateStream<SeedEvent>('seed-directory-');
export const SEED_STREAM_ID = seedStream.id('v1');

/** The actor of the import's events (their metadata): an organisation registered by it came from the seed data. */
export const SEED_ACTOR = 'directory-seed';
