import type { VersionedDoc } from '#libs/projections';
import type { InboxStatus, OrganisationKindV1, ResultAmendment, ResultDetails, ShareStatus, ShareTimelineEntry, ShareWithdrawal } from '#libs/contracts';

export type { InboxStatus, ShareStatus };
export const SHARE_STATUSES: readonly ShareStatus[] = ['pending', 'unread', 'read', 'withdrawn', 'lapsed'];
/** What an organisation sees: never a pending or lapsed share (it never reached them). */
export const INBOX_STATUSES: readonly InboxStatus[] = ['unread', 'read', 'withdrawn'];

/**
 * A share's status as its organisation sees it. Only shares that reached the organisation are in
 * its lists (a pending or lapsed one has no organisation yet): those never come here.
 */
export function inboxStatusOf(status: ShareStatus): InboxStatus {
  switch (status) {
    case 'unread':
    case 'read':
    case 'withdrawn':
      return status;
    case 'pending':
    case 'lapsed':
      throw new Error(`a ${status} share is in no organisation's list`);
    default: {
      const unknown: never = status;
      throw new Error(`unknown share status ${JSON.stringify(unknown)}`);
    }
  }
}

/** One share, as the candidate's "Shared with" list, the organisation's inbox and its export show it. */
export interface ShareView extends VersionedDoc {
  resultId: string;
  /** The candidate's ID Number: whose list it is in. */
  idNumber: string;
  candidateId: string;
  /** The recipient's organisation: whose inbox it is in. Null while the share waits for an invited organisation (or lapsed). */
  organisationId: string | null;
  recipientId: string;
  /** For a pending share: the invited name, the account it will become, no department and no kind yet. */
  recipient: { recipientId: string; organisationName: string; department: string | null; kind: OrganisationKindV1 | null };
  candidate: { name: string; dateOfBirth: string };
  /** The name folded for search (see nameKeyOf): what `q` is matched against. Empty once withdrawn (not found by name). */
  nameKey: string;
  /** The current version's, after any amendments. */
  qualification: string;
  cefrLevel: string;
  /** The rest of the current result (the export's columns). */
  result: Omit<ResultDetails, 'qualification' | 'cefrLevel'> & { verificationCode: string };
  /** When it was sent (the last time, when sent again after a withdrawal); for a pending or lapsed share, when it was asked for. */
  sharedAt: string;
  /**
   * `<sharedAt>|<shareId>`: the page order (newest first) as one unique field, so a cursor is a
   * plain bound on it and one index serves order, date range and cursor. It is set when the share
   * reaches the organisation and does not change while it is there; sending it again after a
   * withdrawal (or delivering a pending share) places it anew, as a new share would be.
   */
  sortKey: string;
  status: ShareStatus;
  readAt: string | null;
  /** When it was withdrawn (the inbox's sections are decided as of a walk's start with it). */
  withdrawnAt: string | null;
  withdrawal: ShareWithdrawal | null;
  /** When the organisation's system first had it. */
  deliveredAt: string | null;
  /** The last amendment's time. */
  amendedAt: string | null;
  /** Oldest first. */
  amendments: ResultAmendment[];
  /** Oldest first. */
  timeline: ShareTimelineEntry[];
  /** Set when the share waited (or waits) for an invited organisation. */
  invitationId: string | null;
}

/** v2: the paged read model (sortKey, nameKey, the result for the export); `shares` was v1. */
export const SHARES_VIEW = 'shares_v2';

export const sortKeyOf = (sharedAt: string, shareId: string): string => `${sharedAt}|${shareId}`;

/**
 * The timeline of a share written before timelines existed (issue 12) carries no such field: it
 * is told from what the document has. New events extend what this gives.
 */
export function timelineOf(s: Pick<ShareView, 'sharedAt' | 'readAt'> & Partial<Pick<ShareView, 'timeline'>>): ShareTimelineEntry[] {
  if (s.timeline) return s.timeline;
  const entries: ShareTimelineEntry[] = [{ event: 'sent', at: s.sharedAt }];
  if (s.readAt) entries.push({ event: 'read', at: s.readAt });
  return entries;
}

/**
 * A name as search matches it: compatibility-decomposed (full-width letters become ASCII),
 * accents dropped, lower-cased. Any script is kept as it is otherwise ("山田" finds "山田 花子").
 */
export const nameKeyOf = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
