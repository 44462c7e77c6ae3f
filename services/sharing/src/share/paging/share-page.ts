import type { DocumentCollection, Filter } from '#libs/persistence';
import type { InboxStatus, ShareView } from '../../projections/shares.read-model.js';
import type { DateRange } from './date-range.js';
import { decodeCursor, encodeCursor } from './page.cursor.js';
import { invalidCursor } from './page.errors.js';

/**
 * A list's sections in order, as of the moment `t` its walk began; each section is one or more
 * filters whose matches are merged newest first (sortKey descending).
 */
export type Sections = (t: string) => Filter[][];

/** "Shared with": one section, newest first. */
export const newestFirst: Sections = () => [[{}]];

/**
 * The inbox: unread first, then read, then withdrawn, each newest first. Which section a share is
 * in is decided as of the walk's start `t`, not now: a share read or withdrawn during the walk
 * (readAt or withdrawnAt > t) stays in the section it was in at `t` for that walk. Were it to move,
 * a client that had already been given it would be given it again further on (or never, had it
 * moved behind the cursor); a share that changed before it was reached is given once, in its
 * section as of `t`, with its current status. With a status filter there is one section and the
 * filter is the current status (a share read mid-walk leaves `status=unread` and may then enter
 * `status=read` only ahead of the cursor, never behind it twice). A share sent again after a
 * withdrawal is placed anew (a new sortKey), as a new share would be: newer than any walk's cursor.
 */
export const inboxSections =
  (status: InboxStatus | undefined): Sections =>
  (t) => {
    if (status) return [[{ status }]];
    const later = { $gt: t };
    const byThen = { $lte: t };
    return [
      [{ status: 'unread' }, { status: 'read', readAt: later }, { status: 'withdrawn', withdrawnAt: later, readAt: null }, { status: 'withdrawn', withdrawnAt: later, readAt: later }],
      [{ status: 'read', readAt: byThen }, { status: 'withdrawn', withdrawnAt: later, readAt: byThen }],
      [{ status: 'withdrawn', withdrawnAt: byThen }],
    ];
  };

export interface PageRequest {
  /** Whose list, and the filters: always the caller's own organisation or ID Number first. */
  scope: Filter;
  sections: Sections;
  range: DateRange;
  limit: number;
  cursor: string | undefined;
  /** filtersHash of the request's filters: a cursor is good only for the filters it was made with. */
  hash: string;
  now: Date;
}

export interface Page {
  docs: ShareView[];
  nextCursor: string | null;
}

/**
 * One page by keyset: each query asks for the items strictly after the last one given (sortKey,
 * unique, fixed when the share is made, descending), never an offset. New shares sort before a
 * walk's cursor (they are newer) and never shift what comes after it, so while shares arrive and
 * are read no item is given twice and none that was there at the start is skipped. One more item
 * than the page is read to know whether another page follows (`nextCursor` null on the last).
 */
export async function pageOf(view: DocumentCollection<ShareView>, request: PageRequest): Promise<Page> {
  const cursor = request.cursor === undefined ? null : decodeCursor(request.cursor, request.hash);
  const t = cursor?.t ?? request.now.toISOString();
  const sections = request.sections(t);
  if (cursor && cursor.s >= sections.length) throw invalidCursor();
  const taken: { doc: ShareView; section: number }[] = [];
  let more = false;
  for (let section = cursor?.s ?? 0; section < sections.length && !more; section++) {
    const after = cursor && section === cursor.s ? cursor.k : undefined;
    const docs = await readSection(view, request, sections[section], after, request.limit - taken.length + 1);
    for (const doc of docs) {
      if (taken.length === request.limit) {
        more = true;
        break;
      }
      taken.push({ doc, section });
    }
  }
  const last = taken.at(-1);
  return {
    docs: taken.map((x) => x.doc),
    nextCursor: more && last ? encodeCursor({ k: last.doc.sortKey, s: last.section, t, h: request.hash }) : null,
  };
}

/** Up to `want` items of one section after `after`, newest first (its filters' matches merged, each share once). */
async function readSection(view: DocumentCollection<ShareView>, request: PageRequest, parts: Filter[], after: string | undefined, want: number): Promise<ShareView[]> {
  const bound: Record<string, string> = {};
  const upper = after !== undefined && (request.range.upper === undefined || after < request.range.upper) ? after : request.range.upper;
  if (upper !== undefined) bound['$lt'] = upper;
  if (request.range.lower !== undefined) bound['$gte'] = request.range.lower;
  const sortKey = Object.keys(bound).length > 0 ? { sortKey: bound } : {};
  const found = await Promise.all(parts.map((part) => view.find({ ...request.scope, ...part, ...sortKey }, { sort: { sortKey: -1 }, limit: want })));
  if (found.length === 1) return found[0];
  // A share read between two of these queries can match both: it is given once.
  const byId = new Map(found.flat().map((d) => [d._id, d]));
  return [...byId.values()].sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0)).slice(0, want);
}
