import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { Db } from 'mongodb';
import { stats, type Stats } from '../report.js';
import type { HttpClient } from '../http-client.js';

/** Resident memory of a process, in MB (Linux /proc). */
export const rssMb = (pid: number | undefined): number => {
  if (!pid) return 0;
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
};

/** Latencies of `n` calls of `op`, one after another. */
export async function timed(n: number, op: () => Promise<void>): Promise<Stats> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await op();
    samples.push(performance.now() - t);
  }
  return stats(samples);
}

/** Pages through a listing from the start, `limit` at a time, through the gateway: items and seconds. */
export async function walkApi(api: HttpClient, token: string, path: string, limit: number): Promise<{ items: number; seconds: number; pages: number }> {
  const t = performance.now();
  let items = 0;
  let pages = 0;
  const seen = new Set<string>();
  for (let cursor: string | null = null; ; ) {
    const sep = path.includes('?') ? '&' : '?';
    const page: { items: { shareId: string }[]; nextCursor: string | null } = await api.json('GET', `${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, token, undefined, 200);
    pages++;
    for (const i of page.items) seen.add(i.shareId);
    items += page.items.length;
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  if (seen.size !== items) throw new Error(`walk gave ${items} items, ${seen.size} distinct`);
  return { items, seconds: (performance.now() - t) / 1000, pages };
}

/** The same walk straight on the engine: the keyset queries of each section (unread, then read), `limit + 1` a page. */
export async function walkEngine(db: Db, organisationId: string, limit: number): Promise<{ items: number; seconds: number }> {
  const t = performance.now();
  let items = 0;
  for (const status of ['unread', 'read']) {
    for (let after: string | null = null; ; ) {
      const filter: Record<string, unknown> = { organisationId, status, ...(after ? { sortKey: { $lt: after } } : {}) };
      const docs = await db.collection<{ _id: string; sortKey: string }>('shares_v2').find(filter).sort({ sortKey: -1 }).limit(limit + 1).toArray();
      const page = docs.slice(0, limit);
      items += page.length;
      if (docs.length <= limit) break;
      after = page.at(-1)!.sortKey;
    }
  }
  return { items, seconds: (performance.now() - t) / 1000 };
}

/** The feed from position 0 through the gateway, `limit` a page, until a page is empty. */
export async function drainFeedApi(api: HttpClient, token: string, limit: number): Promise<{ events: number; seconds: number }> {
  const t = performance.now();
  let events = 0;
  for (let after = '0'; ; ) {
    const page = await api.json<{ items: unknown[]; nextCursor: string }>('GET', `/api/v1/institution/feed?after=${after}&limit=${limit}`, token, undefined, 200);
    if (page.items.length === 0) break;
    events += page.items.length;
    after = page.nextCursor;
  }
  return { events, seconds: (performance.now() - t) / 1000 };
}

/** The same drain straight on the engine: the feed's own query, `limit` a page. */
export async function drainFeedEngine(db: Db, organisationId: string, limit: number): Promise<{ events: number; seconds: number }> {
  const t = performance.now();
  let events = 0;
  for (let after = '0'; ; ) {
    const docs = await db.collection<{ _id: string; position: string }>('feed_v3').find({ organisationId, position: { $gt: after } }).sort({ position: 1 }).limit(limit).toArray();
    if (docs.length === 0) break;
    events += docs.length;
    after = docs.at(-1)!.position;
  }
  return { events, seconds: (performance.now() - t) / 1000 };
}

/** The CSV export through the gateway, read as it streams: rows, seconds, bytes. */
export function exportApi(url: string, token: string, query = ''): Promise<{ rows: number; seconds: number; bytes: number }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(`${url}/api/v1/institution/shares/export${query}`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`export: ${res.statusCode}`));
        let rows = 0;
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          for (const b of chunk) if (b === 10) rows++;
        });
        res.on('end', () => resolve({ rows: rows - 1, seconds: (performance.now() - t) / 1000, bytes }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** The export's reads straight on the engine: the same documents in the same order, a cursor in batches of 1,000. */
export async function exportEngine(db: Db, organisationId: string): Promise<{ rows: number; seconds: number }> {
  const t = performance.now();
  let rows = 0;
  for (const status of ['unread', 'read']) {
    for await (const doc of db.collection('shares_v2').find({ organisationId, status }).sort({ sortKey: -1 }).batchSize(1000)) {
      if (doc) rows++;
    }
  }
  return { rows, seconds: (performance.now() - t) / 1000 };
}
