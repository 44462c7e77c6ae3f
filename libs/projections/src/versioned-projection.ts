import { DuplicateKeyError, type DocumentCollection } from '#libs/persistence';

/** A read-model document remembers the last version of its source stream it has applied. */
export interface VersionedDoc {
  _id: string;
  _version: number;
}

/** evolve(doc, event): the next state of one read-model document, or null to leave it as is. */
export type Evolve<TDoc, TEvent> = (doc: TDoc | null, event: TEvent) => Omit<TDoc, '_id' | '_version'> | null;

/**
 * Applies one event of a stream to the read-model document it concerns, at most once: an event
 * at or below the document's `_version` is a repeat (at-least-once delivery) and is ignored.
 * Concurrent appliers race on the version with a compare-and-set, and the loser re-reads.
 */
export async function applyVersioned<TDoc extends VersionedDoc, TEvent>(
  collection: DocumentCollection<TDoc>,
  id: string,
  version: number,
  event: TEvent,
  evolve: Evolve<TDoc, TEvent>,
): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = await collection.findOne({ _id: id });
    if (doc && doc._version >= version) return false;
    const next = evolve(doc, event);
    if (next === null) return false;
    if (!doc) {
      try {
        await collection.insertOne({ ...next, _id: id, _version: version } as TDoc);
        return true;
      } catch (error) {
        if (error instanceof DuplicateKeyError) continue;
        throw error;
      }
    }
    const r = await collection.updateOne({ _id: id, _version: doc._version }, { $set: { ...next, _version: version } });
    if (r.matched === 1) return true;
  }
  throw new Error(`read model ${id}: too many concurrent updates`);
}
