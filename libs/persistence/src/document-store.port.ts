/**
 * The narrow slice of MongoDB that services use, so one service's code runs on mongoose
 * (MongoDB or FerretDB) in distributed mode and on an embedded file store with Node.js alone.
 * Filters use MongoDB's query language (equality, $in, $nin, $lt/$lte/$gt/$gte, $ne, $or, $exists);
 * updates use $set, $unset, $inc, $push and $max. Nothing here needs transactions, change
 * streams, sparse/partial/TTL indexes or aggregation, which FerretDB lacks.
 */
export type Filter = Record<string, unknown>;

export interface UpdateSpec {
  $set?: Record<string, unknown>;
  $unset?: Record<string, ''>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  $max?: Record<string, number>;
}

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
  skip?: number;
}

export interface InsertManyOptions {
  ignoreDuplicates?: boolean;
}

export interface InsertManyResult {
  /** With `ignoreDuplicates`: the indexes (in `docs`) of the documents skipped as duplicates. */
  duplicates: number[];
}

export interface UpdateResult {
  matched: number;
  upserted: boolean;
}

export interface DocumentCollection<T extends { _id: string }> {
  /** Throws DuplicateKeyError when `_id` or a unique index is already taken. */
  insertOne(doc: T): Promise<void>;
  /**
   * Ordered; on a duplicate, throws DuplicateKeyError (documents before it may be written).
   * With `ignoreDuplicates`, every document that does not collide is written, and the positions
   * of those that collided are answered (one request for a batch, and no read to learn which
   * documents existed: on FerretDB a lookup of many ids is a scan of the collection).
   */
  insertMany(docs: readonly T[], options?: InsertManyOptions): Promise<InsertManyResult>;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  updateOne(filter: Filter, update: UpdateSpec, options?: { upsert?: boolean }): Promise<UpdateResult>;
  updateMany(filter: Filter, update: UpdateSpec): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
  count(filter?: Filter): Promise<number>;
  ensureIndex(fields: Record<string, 1 | -1>, options?: { unique?: boolean }): Promise<void>;
}

export interface DocumentStore {
  collection<T extends { _id: string }>(name: string): DocumentCollection<T>;
  /** Answers when the store is reachable (health checks). */
  ping(): Promise<void>;
  /** Drops every collection (tests only). */
  dropAll(): Promise<void>;
  close(): Promise<void>;
}

/** A write hit a unique index. Callers decide: a conflict to retry, or an idempotent repeat. */
export class DuplicateKeyError extends Error {
  constructor(message = 'duplicate key', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DuplicateKeyError';
  }
}
