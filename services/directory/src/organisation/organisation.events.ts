import { aggregateStream } from '#libs/event-store';
/** Kinds of recipient organisation, as the public API spells them (the one definition in the directory; other services take OrganisationKindV1 from #libs/contracts). */
export const ORGANISATION_KINDS = ['education', 'employer', 'immigration'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface RecipientAccount {
  recipientId: string;
  /** null for the organisation's main account. */
  department: string | null;
}

/** Who accepted the invitation. Their password went to identity only (events stored before that also held a hash: never read). */
export interface FirstUser {
  email: string;
  contactName: string;
}

export interface RegisteredOrganisation {
  organisationId: string;
  name: string;
  kind: OrganisationKind;
  country: string;
  website: string | null;
  email: string | null;
  aliases: string[];
  recipients: RecipientAccount[];
  /** Set when the organisation came from an accepted invitation. */
  firstUser: FirstUser | null;
  /**
   * false while an organisation that came from an invitation waits for the operator's approval
   * (INVITATION_APPROVAL=required): not in search. Absent (every event stored before approval existed): approved.
   */
  approved?: boolean;
}

/** What the operator edits of an organisation (its accounts are edited one by one). */
export interface OrganisationDetails {
  name: string;
  kind: OrganisationKind;
  country: string;
  website: string | null;
  aliases: string[];
}

/** The organisation as the operator left it: every detail, whether the edit changed it or not. */
export interface OrganisationUpdate extends OrganisationDetails {
  organisationId: string;
  /** Whether it is approved (in search) after this event: an edit keeps what it was. */
  approved: boolean;
}

/** A recipient account as it now is (added, renamed, deactivated or reactivated). */
export interface AccountState {
  organisationId: string;
  recipientId: string;
  department: string | null;
  active: boolean;
}

/** The Organisation aggregate's events: one stream per organisation (`org-<organisationId>`). */
export type OrganisationEvent =
  | { type: 'OrganisationRegistered'; data: RegisteredOrganisation }
  /** The operator edited the organisation's details. */
  | { type: 'OrganisationUpdated'; data: OrganisationUpdate }
  /** The operator approved an organisation that came from an invitation: it enters search. */
  | { type: 'OrganisationApproved'; data: OrganisationUpdate }
  | { type: 'RecipientAccountAdded'; data: AccountState }
  /** An account renamed, deactivated (it leaves search, refuses new shares) or reactivated. */
  | { type: 'RecipientAccountUpdated'; data: AccountState };

export const organisationStream = aggregateStream<OrganisationEvent>('org-');
export const organisationStreamId = (organisationId: string) => organisationStream.id(organisationId);
