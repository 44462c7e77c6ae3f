// The API's types come from the route table's contracts (libs/contracts/src/http): type-only
// imports, erased at build. What is here besides is presentation: the shapes the screens show.
import type {
  DirectoryMatch,
  MyResult,
  MyShare,
  OrganisationKind,
  SentShare,
  ShareStatus as ApiShareStatus,
  SkillScore as ApiSkillScore,
  OpenedShare,
} from '../../../libs/contracts/src/http/index.js';

/** The kinds of organisation, as the directory's contract spells them. */
export type Kind = OrganisationKind;
export type ShareStatus = ApiShareStatus;
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
  status: ShareStatus;
  sharedAt: string;
  readAt: string | null;
  candidateName: string;
  /** With the date of birth (YYYY-MM-DD), tells two candidates of one name apart. */
  idNumber: string;
  dateOfBirth: string;
  qualification: string;
  cefrLevel: string;
  recipientId: string;
  department: string;
}

/** A shared result opened in full by the organisation, its account flattened for the screen. */
export interface SharedResult {
  shareId: string;
  status: ShareStatus;
  sharedAt: string;
  readAt: string | null;
  department: string;
  organisationName: string;
  candidate: OpenedShare['candidate'];
  result: OpenedShare['result'];
}
