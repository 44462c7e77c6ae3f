import { dateTime, kind, nullableStr, str } from './common.schema.js';

export type OrganisationKindV1 = 'education' | 'employer' | 'immigration';

/** directory → identity, sharing: an organisation and its recipient accounts exist (or changed). */
export interface OrganisationRegisteredV1 {
  organisationId: string;
  name: string;
  kind: OrganisationKindV1;
  country: string;
  website: string | null;
  /** The organisation's e-mail: its first user's login. */
  email: string | null;
  aliases: string[];
  recipients: { recipientId: string; department: string | null }[];
  /**
   * Set when the organisation came from an accepted invitation: the person who accepted it. No
   * credential: their password went straight to identity, and never travels on a topic.
   */
  firstUser: { email: string; contactName: string } | null;
  /**
   * False while an organisation that came from an invitation waits for the operator's approval
   * (INVITATION_APPROVAL=required): not in search, shares wait. Absent (older messages): approved.
   */
  approved?: boolean;
}

export const organisationRegisteredV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['organisationId', 'name', 'kind', 'country', 'website', 'email', 'aliases', 'recipients', 'firstUser'],
  properties: {
    organisationId: str(),
    name: str(300),
    kind,
    country: str(100),
    website: nullableStr(500),
    email: nullableStr(320),
    aliases: { type: 'array', maxItems: 50, items: str(300) },
    recipients: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['recipientId', 'department'],
        properties: { recipientId: str(), department: nullableStr(300) },
      },
    },
    firstUser: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['email', 'contactName'],
          properties: { email: str(320), contactName: str(200) },
        },
      ],
    },
    approved: { type: 'boolean' },
  },
} as const;

/** directory → (mail, platform consumers): a candidate invited an organisation that is not listed. */
export interface InstitutionInvitedV1 {
  invitationId: string;
  organisationName: string;
  email: string;
  website: string;
  domain: string;
  invitedBy: string;
  /** When the link stops working: shares waiting for the organisation lapse then. Absent in older messages. */
  expiresAt?: string;
}

export const institutionInvitedV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['invitationId', 'organisationName', 'email', 'website', 'domain', 'invitedBy'],
  properties: {
    invitationId: str(),
    organisationName: str(300),
    email: str(320),
    website: str(500),
    domain: str(300),
    invitedBy: str(),
    expiresAt: dateTime,
  },
} as const;

/** directory: an invitation was accepted and became an organisation. */
export interface InvitationAcceptedV1 {
  invitationId: string;
  organisationId: string;
  recipientId: string;
}

export const invitationAcceptedV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['invitationId', 'organisationId', 'recipientId'],
  properties: { invitationId: str(), organisationId: str(), recipientId: str() },
} as const;

/**
 * directory → identity, sharing, search: the operator edited an organisation, or approved one that came
 * from an invitation. Carries the organisation as it now is (its accounts travel in RecipientAccountUpdated).
 */
export interface OrganisationUpdatedV1 {
  organisationId: string;
  name: string;
  kind: OrganisationKindV1;
  country: string;
  website: string | null;
  aliases: string[];
  approved: boolean;
}

export const organisationUpdatedV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['organisationId', 'name', 'kind', 'country', 'website', 'aliases', 'approved'],
  properties: {
    organisationId: str(),
    name: str(300),
    kind,
    country: str(100),
    website: nullableStr(500),
    aliases: { type: 'array', maxItems: 50, items: str(300) },
    approved: { type: 'boolean' },
  },
} as const;

/**
 * directory → sharing, search: a recipient account was added, renamed, deactivated or reactivated.
 * An inactive account leaves search and refuses new shares; the shares it holds stay readable.
 */
export interface RecipientAccountUpdatedV1 {
  organisationId: string;
  recipientId: string;
  department: string | null;
  active: boolean;
}

export const recipientAccountUpdatedV1Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['organisationId', 'recipientId', 'department', 'active'],
  properties: { organisationId: str(), recipientId: str(), department: nullableStr(300), active: { type: 'boolean' } },
} as const;

/**
 * The recipient account an accepted invitation becomes: derived from the invitation id, so a share
 * can wait for an invited organisation under the share id it will keep once delivered. The
 * directory names the account so; sharing computes the same id (name-based: see deterministicUuid).
 */
export const invitedRecipientName = (invitationId: string): string => `invitation-recipient:${invitationId}`;

/**
 * Upcaster for messages published before credentials left the topic: they carried
 * `firstUser.passwordHash`. Dropped on the way in, so an old message still validates (it is not
 * dead-lettered, which would copy the hash once more) and no consumer ever sees a hash.
 */
export function withoutLegacyCredentials(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const firstUser = (data as { firstUser?: unknown }).firstUser;
  if (typeof firstUser !== 'object' || firstUser === null || !('passwordHash' in firstUser)) return data;
  const { passwordHash: _dropped, ...rest } = firstUser as Record<string, unknown>;
  return { ...data, firstUser: rest };
}
