import { DuplicateKeyError, findByIds, type DocumentCollection } from '#libs/persistence';

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

/**
 * applyVersioned for a batch, in bulk. A document whose changes start at version 1 (its stream's
 * first event: nearly always a new document) is folded from nothing and inserted without a read;
 * if the insert says it existed, it joins the others: those are read in one request, folded in
 * memory (changes at or below a document's `_version` are repeats and skipped), and updated with
 * the same compare-and-set as applyVersioned. A document another writer changed meanwhile falls
 * back to applyVersioned. Returns how many documents were written.
 */
export async function applyVersionedBatch<TDoc extends VersionedDoc, TEvent>(
  collection: DocumentCollection<TDoc>,
  changes: readonly VersionedChange<TEvent>[],
  evolve: Evolve<TDoc, TEvent>,
  /** Told each document as this call wrote it (not those another writer's race sent to applyVersioned): saves a caller reading them back. */
  onWritten: (doc: TDoc) => void = () => undefined,
): Promise<number> {
  if (changes.length === 0) return 0;
  const byId = new Map<string, VersionedChange<TEvent>[]>();
  for (const c of changes) byId.set(c.id, [...(byId.get(c.id) ?? []), c]);
  for (const list of byId.values()) list.sort((a, b) => a.version - b.version);
  const fold = (id: string, before: TDoc | null): TDoc | null => {
    let doc = before;
    for (const c of byId.get(id)!) {
      if (doc && doc._version >= c.version) continue;
      const next = evolve(doc, c.event);
      if (next !== null) doc = { ...next, _id: id, _version: c.version } as TDoc;
    }
    return doc === before ? null : doc;
  };
  let written = 0;
  const toRead: string[] = [];
  const creations: TDoc[] = [];
  for (const [id, list] of byId) {
    if (list[0].version !== 1) {
      toRead.push(id);
      continue;
    }
    const doc = fold(id, null);
    if (doc) creations.push(doc);
  }
  if (creations.length > 0) {
    const { duplicates } = await collection.insertMany(creations, { ignoreDuplicates: true });
    written += creations.length - duplicates.length;
    toRead.push(...duplicates.map((n) => creations[n]._id));
    const existed = new Set(duplicates);
    creations.forEach((doc, n) => existed.has(n) || onWritten(doc));
  }
  if (toRead.length === 0) return written;
  const current = new Map((await findByIds(collection, toRead)).map((d) => [d._id, d]));
  const fallback: VersionedChange<TEvent>[] = [];
  const inserts: TDoc[] = [];
  await Promise.all(
    toRead.map(async (id) => {
      const before = current.get(id) ?? null;
      const doc = fold(id, before);
      if (!doc) return;
      if (!before) {
        inserts.push(doc);
        return;
      }
      const { _id: _ignored, ...fields } = doc;
      const r = await collection.updateOne({ _id: id, _version: before._version }, { $set: fields });
      if (r.matched === 1) {
        written++;
        onWritten(doc);
      } else fallback.push(...byId.get(id)!);
    }),
  );
  if (inserts.length > 0) {
    const { duplicates } = await collection.insertMany(inserts, { ignoreDuplicates: true });
    written += inserts.length - duplicates.length;
    for (const n of duplicates) fallback.push(...byId.get(inserts[n]._id)!);
    const existed = new Set(duplicates);
    inserts.forEach((doc, n) => existed.has(n) || onWritten(doc));
  }
  for (const c of fallback) if (await applyVersioned(collection, c.id, c.version, c.event, evolve)) written++;
  return written;
}
