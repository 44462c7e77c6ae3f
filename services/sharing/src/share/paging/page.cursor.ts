import { sha256Hex } from '#libs/domain';
import { cursorMismatch, invalidCursor } from './page.errors.js';

/**
 * Where a walk through a list stands, handed to the client as an opaque string (base64url of a
 * small JSON document). `k`: the sortKey of the last item given (the next page starts strictly
 * after it); `s`: the section that item was in (the inbox: unread, then read, then withdrawn); `t`: when the walk
 * began (see share-page.ts: why sections are taken as of then); `h`: which filters it belongs to.
 * Nothing in it grants anything: every query is scoped by the caller's token first.
 */
export interface PageCursor {
  k: string;
  s: number;
  t: string;
  h: string;
}

/** The inbox's last section (unread, read, withdrawn): pageOf checks a cursor's section against the list's own. */
const MAX_SECTION = 2;
const SORT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\|[0-9a-f-]{36}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A short fingerprint of the filters a cursor was made for (a cursor is refused with other filters). */
export const filtersHash = (filters: Record<string, string | undefined>): string =>
  sha256Hex(JSON.stringify(Object.entries(filters).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)))).slice(0, 12);

export const encodeCursor = (cursor: PageCursor): string => Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');

/** The cursor, or a 400 (PAGE.INVALID_CURSOR) for anything this service did not make; PAGE.CURSOR_MISMATCH for other filters. */
export function decodeCursor(text: string, hash: string): PageCursor {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(text)) throw invalidCursor();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidCursor();
  const { k, s, t, h, ...extra } = value as Record<string, unknown>;
  if (Object.keys(extra).length > 0) throw invalidCursor();
  if (typeof k !== 'string' || !SORT_KEY.test(k)) throw invalidCursor();
  if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s > MAX_SECTION) throw invalidCursor();
  if (typeof t !== 'string' || !INSTANT.test(t) || Number.isNaN(Date.parse(t))) throw invalidCursor();
  if (typeof h !== 'string' || !/^[0-9a-f]{12}$/.test(h)) throw invalidCursor();
  if (h !== hash) throw cursorMismatch();
  return { k, s, t, h };
}
