// The directory's public HTTP bodies and answers (its request and response DTOs implement these).
import type { OrganisationKindV1 } from '../events/directory.events.js';

export type OrganisationKind = OrganisationKindV1;

export interface DirectorySearchQuery {
  /** The part of the name to look for (1 to 100 characters). */
  q: string;
  /** 1 to 50 */
  limit?: number;
}

/** One recipient account; department null for a single-account organisation. */
export interface DirectoryMatch {
  recipientId: string;
  /** The organisation the account belongs to (what the operator's admin routes take). */
  organisationId: string;
  organisationName: string;
  department: string | null;
  country: string;
  kind: OrganisationKind;
  /** The organisation's name in Japanese (kanji or kana) where the directory has one, else null: shown beside the English name. */
  japaneseName?: string | null;
}

export interface DirectorySearchResults {
  items: DirectoryMatch[];
}

export interface InviteInstitutionBody {
  organisationName: string;
  email: string;
  website: string;
}

export interface InvitationSent {
  invitationId: string;
  /** The domain already had a pending invitation: nothing new was sent. */
  alreadyInvited: boolean;
}

/** The invitation behind a link (GET /api/v1/directory/invitations/:token): what the accept page shows. */
export interface InvitationPreview {
  organisationName: string;
  /** The invited address: it becomes the organisation's first user. */
  email: string;
  expiresAt: string;
}

export interface AcceptInvitationBody {
  contactName: string;
  password: string;
  kind?: OrganisationKind;
  country?: string;
}

export interface AcceptedInvitation {
  organisationId: string;
  recipientId: string;
}

export interface RegisterOrganisationBody {
  name: string;
  kind: OrganisationKind;
  country: string;
  website: string;
  email: string;
  aliases?: string[];
  accounts?: { department: string }[];
}

export interface RegisteredOrganisation {
  organisationId: string;
  recipients: { recipientId: string; department: string | null }[];
}

/** The operator's edit of an organisation: any of these, at least one. */
export interface UpdateOrganisationBody {
  name?: string;
  kind?: OrganisationKind;
  country?: string;
  website?: string;
  aliases?: string[];
}

export interface RecipientAccount {
  recipientId: string;
  department: string | null;
  active: boolean;
}

/** An organisation as the operator keeps it. */
export interface Organisation {
  organisationId: string;
  name: string;
  kind: OrganisationKind;
  country: string;
  website: string | null;
  aliases: string[];
  /** False while an invited organisation waits for the operator's approval. */
  approved: boolean;
  accounts: RecipientAccount[];
}

/** Organisations waiting for approval (`approval=pending`), or all, newest first (up to 200). */
export interface OrganisationsQuery {
  approval?: 'pending';
}

export interface Organisations {
  items: Organisation[];
}

export interface AddAccountBody {
  department: string;
}

export interface AddedAccount {
  recipientId: string;
  department: string;
}

export interface UpdateAccountBody {
  department?: string;
  active?: boolean;
}
