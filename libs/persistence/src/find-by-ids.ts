import type { DocumentCollection } from './document-store.port.js';

/** At or below this many ids, one lookup each by `_id`; above it, one `$in` request. */
export const FIND_ONE_EACH_UP_TO = 16;

/**
 * The documents with these ids (those that exist), in one round of requests: a few are looked
 * up one by one (a scan each on FerretDB, but PostgreSQL filters `_id` equality itself), many
 * with one `$in` request (one scan of the collection, filtered by FerretDB: cheaper than many
 * lookups once there are more than a handful).
 */
export async function findByIds<T extends { _id: string }>(collection: DocumentCollection<T>, ids: readonly string[]): Promise<T[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (unique.length <= FIND_ONE_EACH_UP_TO) {
    const docs = await Promise.all(unique.map((_id) => collection.findOne({ _id })));
    return docs.filter((d): d is NonNullable<typeof d> => d !== null);
  }
  return collection.find({ _id: { $in: unique } });
}
