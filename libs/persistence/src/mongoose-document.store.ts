import mongoose, { type Connection, type Model } from 'mongoose';
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

const isDuplicateKey = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;

// FerretDB's SQLite backend answers "database is locked" when writers collide: nothing was
// written, so the operation is simply tried again after a short, growing pause.
const isBusy = (error: unknown): boolean => /SQLITE_BUSY|database is locked/.test(String((error as Error)?.message));

/** The positions of the duplicates of an unordered bulk insert whose only failures were duplicate keys (else null). */
const duplicateIndexes = (error: unknown): number[] | null => {
  const errors = (error as { writeErrors?: WriteError[] | WriteError })?.writeErrors;
  if (errors === undefined) return null;
  const list = Array.isArray(errors) ? errors : [errors];
  if (list.length === 0 || !list.every((e) => e.code === 11000 && typeof e.index === 'number')) return null;
  return list.map((e) => e.index as number).sort((a, b) => a - b);
};
interface WriteError {
  code?: number;
  index?: number;
}

async function translate<R>(work: () => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (isDuplicateKey(error)) throw new DuplicateKeyError(String((error as Error).message), { cause: error });
      if (isBusy(error) && attempt < 8) {
        await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * (0.5 + Math.random())));
        continue;
      }
      throw error;
    }
  }
}

class MongooseCollection<T extends { _id: string }> implements DocumentCollection<T> {
  constructor(private readonly model: Model<T>) {}

  insertOne(doc: T): Promise<void> {
    return translate(async () => {
      await this.model.collection.insertOne(doc as never);
    });
  }

  insertMany(docs: readonly T[], options: InsertManyOptions = {}): Promise<InsertManyResult> {
    if (docs.length === 0) return Promise.resolve({ duplicates: [] });
    if (options.ignoreDuplicates) {
      return translate(async () => {
        try {
          await this.model.collection.insertMany(docs as never[], { ordered: false });
          return { duplicates: [] };
        } catch (error) {
          const duplicates = duplicateIndexes(error);
          if (!duplicates) throw error;
          return { duplicates };
        }
      });
    }
    return translate(async () => {
      await this.model.collection.insertMany(docs as never[], { ordered: true });
      return { duplicates: [] };
    });
  }

  async findOne(filter: Filter): Promise<T | null> {
    return (await this.model.findOne(filter).lean().exec());
  }

  find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return translate(() => this.findNow(filter, options));
  }

  private async findNow(filter: Filter, options: FindOptions): Promise<T[]> {
    let query = this.model.find(filter).lean();
    if (options.sort) query = query.sort(options.sort);
    if (options.skip) query = query.skip(options.skip);
    if (options.limit) query = query.limit(options.limit);
    return (await query.exec());
  }

  updateOne(filter: Filter, update: UpdateSpec, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    return translate(async () => {
      const r = await this.model.collection.updateOne(filter, update as never, { upsert: options.upsert ?? false });
      return { matched: r.matchedCount, upserted: r.upsertedCount > 0 };
    });
  }

  async updateMany(filter: Filter, update: UpdateSpec): Promise<number> {
    return translate(async () => (await this.model.collection.updateMany(filter, update as never)).matchedCount);
  }

  deleteMany(filter: Filter): Promise<number> {
    return translate(async () => (await this.model.collection.deleteMany(filter)).deletedCount);
  }

  count(filter: Filter = {}): Promise<number> {
    return translate(() => this.model.collection.countDocuments(filter));
  }

  async ensureIndex(fields: Record<string, 1 | -1>, options: { unique?: boolean } = {}): Promise<void> {
    await this.model.collection.createIndex(fields, { unique: options.unique ?? false });
  }
}

/**
 * MongoDB (or FerretDB) through mongoose: one connection per service, to that service's own
 * database. Collections are schemaless mongoose models; shapes are enforced by the code that
 * owns them (deciders, projections) and validated at the HTTP edge.
 */
export class MongooseDocumentStore implements DocumentStore {
  private readonly models = new Map<string, Model<never>>();
  private closed = false;

  private constructor(private readonly connection: Connection) {}

  static async connect(uri: string, dbName?: string): Promise<MongooseDocumentStore> {
    const connection = mongoose.createConnection(uri, {
      ...(dbName ? { dbName } : {}),
      serverSelectionTimeoutMS: 10_000,
      autoIndex: false,
      autoCreate: false,
    });
    await connection.asPromise();
    return new MongooseDocumentStore(connection);
  }

  collection<T extends { _id: string }>(name: string): DocumentCollection<T> {
    let model = this.models.get(name);
    if (!model) {
      const schema = new mongoose.Schema({ _id: String }, { strict: false, versionKey: false, collection: name });
      model = this.connection.model(name, schema, name) as unknown as Model<never>;
      this.models.set(name, model);
    }
    return new MongooseCollection<T>(model as unknown as Model<T>);
  }

  async ping(): Promise<void> {
    await this.connection.db?.admin().ping();
  }

  async dropAll(): Promise<void> {
    // Mongoose would buffer the command on a closed connection and time out after 10 s.
    if (this.closed) throw new Error('the document store is closed');
    await this.connection.dropDatabase();
  }

  /** Closing twice is closing once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.connection.close();
  }
}
