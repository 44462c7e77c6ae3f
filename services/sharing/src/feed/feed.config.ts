/** How the pull feed serves its positions (FEED_SETTLE_MS). */
export interface FeedConfig {
  /**
   * Entries are served only once they occurred at least this long ago, and before the oldest event
   * still in the outbox (see FeedProjection.horizon): an event being appended right now by any
   * instance cannot then appear behind a position a client has already read past.
   */
  settleMs: number;
}

export const FEED_CONFIG = Symbol('FEED_CONFIG');

export const DEFAULT_FEED_CONFIG: FeedConfig = { settleMs: 1_000 };
