import type { Filter } from '#libs/persistence';
import type { InboxStatus } from '../../projections/shares.read-model.js';
import { nameKeyOf } from '../../projections/shares.read-model.js';

/** What an organisation's inbox and its export are narrowed by (its own organisation always first). */
export interface InboxFilters {
  organisationId: string;
  status?: InboxStatus;
  recipientId?: string;
  q?: string;
  from?: string;
  to?: string;
}

const ID_NUMBER = /^[A-Za-z]\d{8}$/;
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The equality filters of the inbox (the organisation from the caller's token: another
 * organisation's recipientId finds nothing) and `q`: an ID Number exactly, or part of the name,
 * ignoring case and accents.
 */
export function inboxScope(f: InboxFilters): Filter {
  const scope: Filter = { organisationId: f.organisationId };
  if (f.recipientId) scope['recipientId'] = f.recipientId;
  const q = f.q?.trim();
  if (q) {
    const name = { nameKey: { $regex: new RegExp(escapeRegExp(nameKeyOf(q))) } };
    // A withdrawn share has no name key: its details are no longer the organisation's to search, by name or ID Number.
    scope['$or'] = ID_NUMBER.test(q) ? [{ idNumber: q.toUpperCase(), nameKey: { $ne: '' } }, name] : [name];
  }
  return scope;
}
