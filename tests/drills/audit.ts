import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Outcomes, type Answer } from './client.js';
import type { Acknowledged } from './load.js';
import type { Candidate, Organisation } from './population.js';
import type { WebhookReceiver } from './webhook-receiver.js';

/** Where an acknowledged share must show up, with what is missing and what is there twice. */
export interface Place {
  place: string;
  seen: number;
  lost: number;
  duplicated: number;
  /** At-least-once redeliveries of the same event id (allowed: receivers dedupe by it). */
  redelivered?: number;
}

interface Listing {
  items: { shareId: string; resultId: string; recipient: { recipientId: string } }[];
  nextCursor: string | null;
}

interface FeedPage {
  items: { eventId: string; type: string; data: { shareId?: string } }[];
  nextCursor: string;
}

/** Counts, for each place a share must reach, how many of the acknowledged ones are there, missing, or there twice. */
export async function audit(url: string, acknowledged: readonly Acknowledged[], candidates: readonly Candidate[], organisations: readonly Organisation[], receiver: WebhookReceiver): Promise<Place[]> {
  const outcomes = new Outcomes();
  const client = new Client(url, outcomes, '10.9.7.1');
  const wanted = new Set(acknowledged.map((a) => a.shareId));
  const pairs = new Map<string, Set<string>>();
  for (const a of acknowledged) {
    const key = `${a.resultId}→${a.recipientId}`;
    pairs.set(key, (pairs.get(key) ?? new Set()).add(a.shareId));
  }
  // The same (result, recipient) acknowledged under two share ids is a duplicate effect at the source.
  const acknowledgedTwice = [...pairs.values()].filter((s) => s.size > 1).length;

  const count = (ids: readonly string[]): Place => {
    const seen = new Map<string, number>();
    for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
    return {
      place: '',
      seen: [...wanted].filter((id) => seen.has(id)).length,
      lost: [...wanted].filter((id) => !seen.has(id)).length,
      duplicated: [...seen.values()].filter((n) => n > 1).length,
    };
  };

  // Every page, as a client honouring Retry-After walks them (a 503 during a restart is asked again).
  const deadline = Date.now() + 60_000;
  const walk = async (path: string, token: string, what: string): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Answer<Listing> = await client.until<Listing>('GET', `${path}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token, undefined, deadline);
      if (page.status !== 200) throw new Error(`${what}: ${page.status} ${JSON.stringify(page.body)}`);
      ids.push(...page.body.items.map((i) => i.shareId));
      cursor = page.body.nextCursor;
    } while (cursor);
    return ids;
  };
  const sharedWith: string[] = [];
  for (const c of candidates) sharedWith.push(...(await walk('/api/v1/me/shares', c.token, `Shared with of ${c.idNumber}`)));
  const inbox: string[] = [];
  const feedEvents = new Map<string, string[]>();
  for (const o of organisations) {
    inbox.push(...(await walk('/api/v1/institution/shares', o.token, `inbox of ${o.name}`)));
    let after = '';
    for (;;) {
      const page = await client.until<FeedPage>('GET', `/api/v1/institution/feed?limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`, o.token, undefined, deadline);
      if (page.status !== 200) throw new Error(`feed of ${o.name}: ${page.status} ${JSON.stringify(page.body)}`);
      for (const e of page.body.items) {
        if (e.type !== 'ResultShared' || !e.data.shareId) continue;
        feedEvents.set(e.data.shareId, [...(feedEvents.get(e.data.shareId) ?? []), e.eventId]);
      }
      if (page.body.items.length === 0 || !page.body.nextCursor || page.body.nextCursor === after) break;
      after = page.body.nextCursor;
    }
  }
  // Feed and webhook: one event per share; the same event id twice in the feed is a duplicate, at the webhook a redelivery.
  const feed = count([...feedEvents.entries()].flatMap(([shareId, events]) => (new Set(events).size === events.length ? events.map(() => shareId) : [shareId, shareId])));
  const hooked = new Map<string, string[]>();
  for (const d of receiver.deliveries) {
    if (d.type !== 'ResultShared' || !d.shareId) continue;
    hooked.set(d.shareId, [...(hooked.get(d.shareId) ?? []), d.eventId]);
  }
  const webhook = count([...hooked.entries()].flatMap(([shareId, events]) => [...new Set(events)].map(() => shareId)));
  const redelivered = [...hooked.values()].reduce((n, events) => n + events.length - new Set(events).size, 0);

  return [
    { place: 'acknowledged (201/200)', seen: wanted.size, lost: 0, duplicated: acknowledgedTwice },
    { ...count(sharedWith), place: '"Shared with" (GET /api/v1/me/shares)' },
    { ...count(inbox), place: 'inbox (GET /api/v1/institution/shares)' },
    { ...feed, place: 'pull feed (GET /api/v1/institution/feed)' },
    { ...webhook, place: 'webhook (distinct event ids)', redelivered },
  ];
}

/** Audits until nothing is lost or the deadline; returns the last audit and how long it took to get there. */
export async function settledAudit(...args: Parameters<typeof audit>): Promise<{ places: Place[]; waitedMs: number }> {
  const started = Date.now();
  const deadline = started + 240_000;
  for (;;) {
    const places = await audit(...args);
    if (places.every((p) => p.lost === 0) || Date.now() > deadline) return { places, waitedMs: Date.now() - started };
    await sleep(1_000);
  }
}
