/** Written once, after the first import of the seed data: its presence means "already seeded". */
export type SeedEvent = {
  type: 'DirectorySeeded';
  data: { organisations: number; accounts: number; skipped: number; source: string };
};

/** Bump the suffix to import a new edition of the seed data (ids are deterministic: nothing doubles). */
export const SEED_STREAM_ID = 'seed-directory-v1';
