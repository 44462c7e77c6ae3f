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
}

/** The Organisation aggregate's events: one stream per organisation (`org-<organisationId>`). */
export type OrganisationEvent = { type: 'OrganisationRegistered'; data: RegisteredOrganisation };

export const organisationStream = aggregateStream<OrganisationEvent>('org-');
export const organisationStreamId = (organisationId: string) => organisationStream.id(organisationId);
