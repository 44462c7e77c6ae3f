import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import nedb from '@seald-io/nedb';
import {
  DuplicateKeyError,
  type DocumentCollection,
  type DocumentStore,
  type Filter,
  type FindOptions,
  type InsertManyOptions,
  type InsertManyResult,
  type UpdateResult,
  type UpdateSpec,
} from './document-store.port.js';

// The package is CommonJS (`module.exports = Datastore`) with typings that say `export default`.
type Datastore<T = Record<string, unknown>> = nedb.default<T>;
const Datastore = nedb as unknown as new <T>(options: { filename: string }) => Datastore<T>;

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { errorType?: unknown }).errorType === 'uniqueViolated';

async function translate<R>(work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateKeyError(String((error as Error).message), { cause: error });
    throw error;
  }
}

class FileCollection<T extends { _id: string }> implements DocumentCollection<T> {
  constructor(
    private readonly db: Datastore<T>,
    private readonly ready: Promise<void>,
  ) {}

  insertOne(doc: T): Promise<void> {
    return translate(async () => {
      await this.ready;
      await this.db.insertAsync(doc);
    });
  }

  insertMany(docs: readonly T[], options: InsertManyOptions = {}): Promise<InsertManyResult> {
    if (docs.length === 0) return Promise.resolve({ duplicates: [] });
    if (options.ignoreDuplicates) {
      return translate(async () => {
        await this.ready;
        const duplicates: number[] = [];
        for (const [i, doc] of docs.entries()) {
          try {
            await this.db.insertAsync(doc);
          } catch (error) {
            if (!isUniqueViolation(error)) throw error;
            duplicates.push(i);
          }
        }
        return { duplicates };
      });
    }
    // nedb inserts an array all or nothing: stronger than the port promises.
    return translate(async () => {
      await this.ready;
      await this.db.insertAsync([...docs]);
      return { duplicates: [] };
    });
  }

  async findOne(filter: Filter): Promise<T | null> {
    await this.ready;
    return (await this.db.findOneAsync(filter));
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    await this.ready;
    let cursor = this.db.findAsync(filter);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor);
  }

  updateOne(filter: Filter, update: UpdateSpec, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    return translate(async () => {
      await this.ready;
      const r = await this.db.updateAsync(filter, update, { upsert: options.upsert ?? false, multi: false });
      return { matched: r.upsert ? 0 : r.numAffected, upserted: r.upsert };
    });
  }

  updateMany(filter: Filter, update: UpdateSpec): Promise<number> {
    return translate(async () => {
      await this.ready;
      return (await this.db.updateAsync(filter, update, { multi: true })).numAffected;
    });
  }

  async deleteMany(filter: Filter): Promise<number> {
    await this.ready;
    return this.db.removeAsync(filter, { multi: true });
  }

  async count(filter: Filter = {}): Promise<number> {
    await this.ready;
    return await this.db.countAsync(filter);
  }

  async ensureIndex(fields: Record<string, 1 | -1>, options: { unique?: boolean } = {}): Promise<void> {
    await this.ready;
    const names = Object.keys(fields);
    await this.db.ensureIndexAsync({ fieldName: names.length === 1 ? names[0] : names, unique: options.unique ?? false });
  }
}

/**
 * The embedded stand-in for a service's MongoDB database: one append-only file per collection
 * under `dir` (nedb), loaded into memory at start and compacted then. Each acknowledged write
 * is appended to its file before the promise resolves, so a restart of the process loses
 * nothing (appends are not fsynced: an OS crash may lose the last writes).
 */
export class FileDocumentStore implements DocumentStore {
  private readonly collections = new Map<string, { db: Datastore; ready: Promise<void> }>();

  constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<FileDocumentStore> {
    await mkdir(dir, { recursive: true });
    return new FileDocumentStore(dir);
  }

  collection<T extends { _id: string }>(name: string): DocumentCollection<T> {
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`bad collection name ${name}`);
    let entry = this.collections.get(name);
    if (!entry) {
      const db = new Datastore({ filename: join(this.dir, `${name}.db`) });
      entry = { db, ready: db.loadDatabaseAsync() };
      this.collections.set(name, entry);
    }
    return new FileCollection<T>(entry.db, entry.ready);
  }

  async ping(): Promise<void> {
    await Promise.all([...this.collections.values()].map((c) => c.ready));
  }

  async dropAll(): Promise<void> {
    for (const { db, ready } of this.collections.values()) {
      await ready;
      await db.removeAsync({}, { multi: true });
      await db.compactDatafileAsync();
    }
    for (const file of await readdir(this.dir)) {
      if (file.endsWith('.db') && !this.collections.has(file.slice(0, -3))) await rm(join(this.dir, file));
    }
  }

  async close(): Promise<void> {
    for (const { db, ready } of this.collections.values()) {
      await ready;
      await db.compactDatafileAsync();
    }
    this.collections.clear();
  }
}
