// The API's types come from the route table's contracts (libs/contracts/src/http): type-only
// imports, erased at build. What is here besides is presentation: the shapes the screens show.
import type {
  DirectoryMatch,
  MyResult,
  MyShare,
  OrganisationKind,
  SentShare,
  InboxStatus as ApiInboxStatus,
  ResultAmendment,
  ShareStatus as ApiShareStatus,
  ShareTimelineEntry,
  ShareWithdrawal,
  SkillScore as ApiSkillScore,
  OpenedShare,
} from '../../../libs/contracts/src/http/index.js';

/** The kinds of organisation, as the directory's contract spells them. */
export type Kind = OrganisationKind;
export type ShareStatus = ApiShareStatus;
/** A share's status as the organisation sees it (never pending or lapsed). */
export type InboxStatus = ApiInboxStatus;
export type { ResultAmendment, ShareTimelineEntry, ShareWithdrawal };
export type SkillScore = ApiSkillScore;
export type Result = MyResult;
/** What every result shows (qualification, CEFR level, scores, exam date). */
export type { ResultDetails } from '../../../libs/contracts/src/events/common.schema.js';

/** One recipient account as the search lists it (department empty, not null, for a single-account organisation). */
export type Recipient = Omit<DirectoryMatch, 'department'> & { department: string };

export const recipientName = (r: { organisationName: string; department?: string | null }): string =>
  [r.organisationName, r.department].filter(Boolean).join(' – ');

export type ShareAnswer = SentShare;

/** A share in "Shared with" (department empty, not null). */
export type CandidateShare = Omit<MyShare, 'recipient'> & { recipient: { recipientId: string; organisationName: string; department: string } };

/** One row of the organisation's inbox: the answer's item, flattened for the table. */
export interface InboxItem {
  shareId: string;
  status: InboxStatus;
  sharedAt: string;
  readAt: string | null;
  /** Empty once withdrawn (the API no longer gives the candidate's or the result's details). */
  candidateName: string;
  /** With the date of birth (YYYY-MM-DD), tells two candidates of one name apart. */
  idNumber: string;
  dateOfBirth: string;
  qualification: string;
  cefrLevel: string;
  recipientId: string;
  department: string;
  amendedAt: string | null;
  withdrawal: ShareWithdrawal | null;
}

/** A shared result opened in full by the organisation, its account flattened for the screen. */
export interface SharedResult {
  shareId: string;
  status: InboxStatus;
  sharedAt: string;
  readAt: string | null;
  department: string;
  organisationName: string;
  /** Absent once withdrawn. */
  candidate: OpenedShare['candidate'] | null;
  /** The current version (after any amendments); absent once withdrawn. */
  result: OpenedShare['result'] | null;
  /** Oldest first. */
  amendments: ResultAmendment[];
  withdrawal: ShareWithdrawal | null;
  /** Oldest first. */
  timeline: ShareTimelineEntry[];
}
