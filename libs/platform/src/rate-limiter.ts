import type { OnModuleInit } from '@nestjs/common';
import type { Clock } from '#libs/event-store';
import { DuplicateKeyError, type DocumentCollection, type DocumentStore } from '#libs/persistence';

interface Counter {
  _id: string;
  count: number;
  expiresAt: string;
}

/** At most `max` attempts per key in each fixed window of `windowMs`. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/**
 * Fixed-window counters in the service's own store (`<key>:<window>` documents bumped with $inc
 * and upsert: atomic on MongoDB, FerretDB and the embedded store, shared by every instance).
 * Keys name what is counted (`login:<account>`, `invitation:<candidate>`); one collection serves
 * every limit of a service.
 */
export class RateLimiter implements OnModuleInit {
  private readonly counters: DocumentCollection<Counter>;
  private lastSweep = 0;

  constructor(
    documents: DocumentStore,
    private readonly clock: Clock,
  ) {
    this.counters = documents.collection<Counter>('rate_limits');
  }

  async onModuleInit(): Promise<void> {
    await this.counters.ensureIndex({ expiresAt: 1 });
  }

  /** Counts one more attempt; answers whether it is still within the limit. */
  async hit(key: string, limit: RateLimit): Promise<boolean> {
    const { id, expiresAt } = this.window(key, limit);
    await this.sweep();
    for (let attempt = 0; ; attempt++) {
      try {
        await this.counters.updateOne({ _id: id }, { $inc: { count: 1 }, $set: { expiresAt } }, { upsert: true });
        break;
      } catch (error) {
        // Two first hits racing to upsert: one loses on _id, and its retry increments.
        if (!(error instanceof DuplicateKeyError) || attempt >= 2) throw error;
      }
    }
    const counter = await this.counters.findOne({ _id: id });
    return (counter?.count ?? 0) <= limit.max;
  }

  /** Whether the attempts counted so far already reached the limit (without counting one). */
  async exhausted(key: string, limit: RateLimit): Promise<boolean> {
    const counter = await this.counters.findOne({ _id: this.window(key, limit).id });
    return (counter?.count ?? 0) >= limit.max;
  }

  private window(key: string, limit: RateLimit): { id: string; expiresAt: string } {
    const window = Math.floor(this.clock.now().getTime() / limit.windowMs);
    return { id: `${key}:${window}`, expiresAt: new Date((window + 1) * limit.windowMs).toISOString() };
  }

  /** Past windows are dropped at most once a minute (no TTL indexes on FerretDB). */
  private async sweep(): Promise<void> {
    const now = this.clock.now();
    if (now.getTime() - this.lastSweep < 60_000) return;
    this.lastSweep = now.getTime();
    await this.counters.deleteMany({ expiresAt: { $lt: now.toISOString() } });
  }
}
