import type { StoredEvent } from '#libs/event-store';

/**
 * A feed position, derived from the stored event alone, so that it names the same event for
 * ever: across rebuilds of the feed, restarts and instances. `<occurredAt as 13-digit epoch
 * ms>.<streamId>.<version, 6 digits>.<n>`, where n numbers the integration events one stored
 * event maps to. Fixed widths make the text order the order of (occurredAt, streamId, version,
 * n): total (a stream's version is unique) and stable (none of it ever changes). URL-safe.
 */
export const positionOf = (event: Pick<StoredEvent, 'occurredAt' | 'streamId' | 'version'>, n: number): string => {
  const ms = Date.parse(event.occurredAt);
  if (!Number.isSafeInteger(ms) || ms < 0 || ms >= 1e13) throw new Error(`feed: occurredAt ${event.occurredAt} cannot be placed`);
  if (event.version < 1 || event.version >= 1e6) throw new Error(`feed: version ${event.version} of ${event.streamId} cannot be placed`);
  return `${String(ms).padStart(13, '0')}.${event.streamId}.${String(event.version).padStart(6, '0')}.${n}`;
};

/** Every position of an event that occurred before `ms` sorts before this. */
export const horizonOf = (ms: number): string => String(Math.max(0, Math.floor(ms))).padStart(13, '0');

/** What a client may pass as `after`: a position as given, or `0` for the beginning. */
export const POSITION_PATTERN = /^(0|\d{13}\.[A-Za-z0-9_-]{1,120}\.\d{6}\.\d{1,3})$/;
export const POSITION_SOURCE = POSITION_PATTERN.source;
