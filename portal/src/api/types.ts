import type { OrganisationKindV1 } from '../../../libs/contracts/src/events/directory.events.js';

/** The kinds of organisation, as the directory's integration contract spells them. */
export type Kind = OrganisationKindV1;
export type ShareStatus = 'unread' | 'read';

export interface SkillScore {
  skill: string;
  score: number;
}

export interface Result {
  resultId: string;
  qualification: string;
  cefrLevel: string;
  overallScore: number;
  grade: string;
  components: SkillScore[];
  examDate: string;
  releasedAt?: string;
  restrictions: string[];
}

/** One recipient account as the directory search lists it (department empty for a single-account organisation). */
export interface Recipient {
  recipientId: string;
  organisationName: string;
  department: string;
  country: string;
  kind: Kind;
}

export const recipientName = (r: { organisationName: string; department?: string | null }): string =>
  [r.organisationName, r.department].filter(Boolean).join(' – ');

export interface ShareAnswer {
  shareId: string;
  status: ShareStatus;
  sharedAt: string;
}

export interface CandidateShare {
  shareId: string;
  resultId: string;
  recipient: { recipientId: string; organisationName: string; department: string };
  sharedAt: string;
  status: ShareStatus;
  readAt: string | null;
}

/** What the organisation sees in its inbox (normalised from the API's answer). */
export interface InboxItem {
  shareId: string;
  status: ShareStatus;
  sharedAt: string;
  readAt: string | null;
  candidateName: string;
  idNumber: string;
  qualification: string;
  overallScore: number | null;
  recipientId: string;
  department: string;
}

/** A shared result opened in full by the organisation. */
export interface SharedResult {
  shareId: string;
  status: ShareStatus;
  sharedAt: string;
  readAt: string | null;
  department: string;
  organisationName: string;
  candidate: { name: string; dateOfBirth: string; idNumber: string };
  result: Omit<Result, 'resultId' | 'restrictions'> & { resultId?: string; verificationCode?: string };
}
