import type { VersionedDoc } from '#libs/projections';
import type { OrganisationKindV1, ShareStatus } from '#libs/contracts';

export type { ShareStatus };
export const SHARE_STATUSES: readonly ShareStatus[] = ['unread', 'read'];

/** One share, as the candidate's "Shared with" list and the organisation's inbox show it. */
export interface ShareView extends VersionedDoc {
  resultId: string;
  /** The candidate's ID Number: whose list it is in. */
  idNumber: string;
  candidateId: string;
  /** The recipient's organisation: whose inbox it is in. */
  organisationId: string;
  recipientId: string;
  recipient: { recipientId: string; organisationName: string; department: string | null; kind: OrganisationKindV1 };
  candidate: { name: string };
  qualification: string;
  cefrLevel: string;
  sharedAt: string;
  status: ShareStatus;
  readAt: string | null;
}

export const SHARES_VIEW = 'shares';
