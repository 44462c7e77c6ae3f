import type { VersionedDoc } from '#libs/projections';
import type { OrganisationKindV1, ResultDetails, ShareStatus } from '#libs/contracts';

export type { ShareStatus };
export const SHARE_STATUSES: readonly ShareStatus[] = ['unread', 'read'];

/** One share, as the candidate's "Shared with" list, the organisation's inbox and its export show it. */
export interface ShareView extends VersionedDoc {
  resultId: string;
  /** The candidate's ID Number: whose list it is in. */
  idNumber: string;
  candidateId: string;
  /** The recipient's organisation: whose inbox it is in. */
  organisationId: string;
  recipientId: string;
  recipient: { recipientId: string; organisationName: string; department: string | null; kind: OrganisationKindV1 };
  candidate: { name: string; dateOfBirth: string };
  /** The name folded for search (see nameKeyOf): what `q` is matched against. */
  nameKey: string;
  qualification: string;
  cefrLevel: string;
  /** The rest of the result as sent (the export's columns). */
  result: Omit<ResultDetails, 'qualification' | 'cefrLevel'> & { verificationCode: string };
  sharedAt: string;
  /**
   * `<sharedAt>|<shareId>`: the page order (newest first) as one unique field that never changes,
   * so a cursor is a plain bound on it and one index serves order, date range and cursor.
   */
  sortKey: string;
  status: ShareStatus;
  readAt: string | null;
}

/** v2: the paged read model (sortKey, nameKey, the result for the export); `shares` was v1. */
export const SHARES_VIEW = 'shares_v2';

export const sortKeyOf = (sharedAt: string, shareId: string): string => `${sharedAt}|${shareId}`;

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
