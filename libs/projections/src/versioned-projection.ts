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

/** One event for the read-model document `id`, at `version` of the document's source stream. */
export interface VersionedChange<TEvent> {
  id: string;
  version: number;
  event: TEvent;
}

/** Reads many documents by `_id`: one lookup each for a few, one request for many. */
export async function findByIds<TDoc extends { _id: string }>(
  collection: DocumentCollection<TDoc>,
  ids: readonly string[],
): Promise<Map<string, TDoc>> {
  const unique = [...new Set(ids)];
  const docs =
    unique.length <= 16
      ? (await Promise.all(unique.map((_id) => collection.findOne({ _id })))).filter((d): d is NonNullable<typeof d> => d !== null)
      : await collection.find({ _id: { $in: unique } });
  return new Map(docs.map((d) => [d._id, d]));
}

/**
 * applyVersioned for a batch: the documents are read in one request, every change is folded in
 * memory (changes at or below a document's `_version` are repeats and skipped), new documents
 * are inserted in one request and changed ones updated with the same compare-and-set as
 * applyVersioned. A document that another writer changed meanwhile falls back to applyVersioned.
 * Returns how many documents changed.
 */
export async function applyVersionedBatch<TDoc extends VersionedDoc, TEvent>(
  collection: DocumentCollection<TDoc>,
  changes: readonly VersionedChange<TEvent>[],
  evolve: Evolve<TDoc, TEvent>,
): Promise<number> {
  if (changes.length === 0) return 0;
  if (changes.length === 1) {
    const [c] = changes;
    return (await applyVersioned(collection, c.id, c.version, c.event, evolve)) ? 1 : 0;
  }
  const byId = new Map<string, VersionedChange<TEvent>[]>();
  for (const c of changes) byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
  const current = await findByIds(collection, [...byId.keys()]);
  const inserts: TDoc[] = [];
  const updates: { id: string; from: number; doc: TDoc; rest: VersionedChange<TEvent>[] }[] = [];
  for (const [id, list] of byId) {
    const before = current.get(id) ?? null;
    let doc = before;
    for (const c of [...list].sort((a, b) => a.version - b.version)) {
      if (doc && doc._version >= c.version) continue;
      const next = evolve(doc, c.event);
      if (next !== null) doc = { ...next, _id: id, _version: c.version } as TDoc;
    }
    if (doc === before || doc === null) continue;
    if (before === null) inserts.push(doc);
    else updates.push({ id, from: before._version, doc, rest: list });
  }
  const fallback: VersionedChange<TEvent>[] = [];
  if (inserts.length > 0) {
    try {
      await collection.insertMany(inserts);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      // Another writer created some of them: redo those one by one (the rest may be written).
      for (const doc of inserts) fallback.push(...byId.get(doc._id)!);
    }
  }
  await Promise.all(
    updates.map(async (u) => {
      const { _id: _ignored, ...fields } = u.doc;
      const r = await collection.updateOne({ _id: u.id, _version: u.from }, { $set: fields });
      if (r.matched !== 1) fallback.push(...u.rest);
    }),
  );
  for (const c of fallback) await applyVersioned(collection, c.id, c.version, c.event, evolve);
  return inserts.length + updates.length;
}
