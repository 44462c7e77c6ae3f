import type { Admin } from 'kafkajs';
import type { ReadinessProbe } from './readiness.js';

/** The part of a connected kafkajs admin client the lag needs. */
export type LagAdmin = Pick<Admin, 'fetchTopicOffsets' | 'fetchOffsets'>;

/** A topic's partitions with their watermarks, as `admin.fetchTopicOffsets` returns them. */
export type TopicWatermarks = Array<{ partition: number; high: string; low: string }>;

/** A group's committed offsets, as `admin.fetchOffsets({groupId, topics})` returns them ('-1': never committed). */
export type CommittedOffsets = Array<{
  topic: string;
  partitions: Array<{ partition: number; offset: string }>;
}>;

export interface PartitionLag {
  topic: string;
  partition: number;
  high: number;
  low: number;
  /** null when the group never committed on this partition. */
  committed: number | null;
  lag: number;
}

export interface ConsumerLag {
  groupId: string;
  total: number;
  topics: Record<string, number>;
  partitions: PartitionLag[];
}

/**
 * A consumer group's lag from the brokers' watermarks and the group's committed offsets: per
 * partition, the high watermark minus the committed offset. A partition the group never committed
 * on (or whose committed offset fell below the retention's low watermark) counts from its low
 * watermark, i.e. every message still on it is waiting.
 */
export function consumerLagFromOffsets(
  groupId: string,
  watermarks: Record<string, TopicWatermarks>,
  committed: CommittedOffsets,
): ConsumerLag {
  const committedAt = new Map<string, number>();
  for (const { topic, partitions } of committed) {
    for (const { partition, offset } of partitions) {
      const value = Number(offset);
      if (Number.isInteger(value) && value >= 0) committedAt.set(`${topic}\u0000${partition}`, value);
    }
  }
  const partitions: PartitionLag[] = [];
  const topics: Record<string, number> = {};
  let total = 0;
  for (const [topic, offsets] of Object.entries(watermarks)) {
    topics[topic] = 0;
    for (const { partition, high: rawHigh, low: rawLow } of [...offsets].sort(
      (a, b) => a.partition - b.partition,
    )) {
      const high = Number(rawHigh);
      const low = Number(rawLow);
      const c = committedAt.get(`${topic}\u0000${partition}`) ?? null;
      const from = c === null ? low : Math.max(c, low);
      const lag = Math.max(0, high - from);
      partitions.push({ topic, partition, high, low, committed: c, lag });
      topics[topic] += lag;
      total += lag;
    }
  }
  return { groupId, total, topics, partitions };
}

export interface LagCacheOptions {
  /** How long an answer is reused, so health polling does not hammer the brokers (default 500 ms). */
  maxAgeMs?: number;
  now?: () => number;
}

const cache = new WeakMap<LagAdmin, Map<string, { at: number; lag: Promise<ConsumerLag> }>>();

/**
 * The lag of consumer group `groupId` on `topics`, asked of the brokers through a connected kafkajs
 * admin client. Answers are cached per admin, group and topics for `maxAgeMs` (concurrent callers
 * share one round trip; a failed round is not cached).
 */
export function kafkaConsumerLag(
  admin: LagAdmin,
  groupId: string,
  topics: string[],
  options: LagCacheOptions = {},
): Promise<ConsumerLag> {
  const maxAgeMs = options.maxAgeMs ?? 500;
  const now = options.now ?? Date.now;
  const key = `${groupId}\u0000${[...topics].sort().join('\u0000')}`;
  let entries = cache.get(admin);
  if (!entries) cache.set(admin, (entries = new Map()));
  const hit = entries.get(key);
  if (hit && now() - hit.at < maxAgeMs) return hit.lag;
  const lag = fetchConsumerLag(admin, groupId, topics);
  const entry = { at: now(), lag };
  entries.set(key, entry);
  lag.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return lag;
}

async function fetchConsumerLag(admin: LagAdmin, groupId: string, topics: string[]): Promise<ConsumerLag> {
  const [watermarks, committed] = await Promise.all([
    Promise.all(topics.map(async (topic) => [topic, await admin.fetchTopicOffsets(topic)] as const)),
    admin.fetchOffsets({ groupId, topics }),
  ]);
  return consumerLagFromOffsets(groupId, Object.fromEntries(watermarks), committed);
}

/**
 * A readiness probe reporting a consumer group's lag (register it as `CONSUMER_LAG_PROBE`):
 * backlog = the total lag, topics = the lag per topic.
 */
export function consumerLagProbe(
  admin: LagAdmin,
  groupId: string,
  topics: string[],
  options: LagCacheOptions = {},
): ReadinessProbe {
  return async () => {
    const lag = await kafkaConsumerLag(admin, groupId, topics, options);
    return {
      backlog: lag.total,
      topics: lag.topics,
      detail: {
        groupId,
        partitions: lag.partitions
          .filter((p) => p.lag > 0)
          .map(({ topic, partition, lag: n }) => ({ topic, partition, lag: n })),
      },
    };
  };
}
