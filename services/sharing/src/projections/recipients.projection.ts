import { Inject, Injectable } from '@nestjs/common';
import type {
  IntegrationEnvelope,
  OrganisationKindV1,
  OrganisationRegisteredV1,
  OrganisationUpdatedV1,
  RecipientAccountUpdatedV1,
} from '#libs/contracts';
import { DomainError } from '#libs/domain';
import { findByIds, type DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { applyVersionedBatch, type VersionedChange, type VersionedDoc } from '#libs/projections';

/** One recipient account (a faculty or department of an organisation), from directory's events. */
export interface RecipientAccount extends VersionedDoc {
  organisationId: string;
  organisationName: string;
  department: string | null;
  kind: OrganisationKindV1;
  country: string;
  /** False once the operator deactivated the account, or a newer version of the organisation no longer lists it. */
  active: boolean;
  /** False while the organisation (from an invitation) waits for the operator's approval. Absent in older documents: approved. */
  approved?: boolean;
}

/** An organisation as sharing keeps it (the accounts' common fields, and every account it ever had). */
export interface RecipientOrganisation extends VersionedDoc {
  name: string;
  kind: OrganisationKindV1;
  country: string;
  approved: boolean;
  accounts: { recipientId: string; department: string | null; active: boolean }[];
}

export type OrganisationEvent =
  | IntegrationEnvelope<'OrganisationRegistered', OrganisationRegisteredV1>
  | IntegrationEnvelope<'OrganisationUpdated', OrganisationUpdatedV1>
  | IntegrationEnvelope<'RecipientAccountUpdated', RecipientAccountUpdatedV1>;

/** The codes of the refusals a send meets at the recipient account (part of the public error contract). */
export const RecipientErrors = {
  INACTIVE: 'SHARE.RECIPIENT_INACTIVE',
  AWAITING_APPROVAL: 'SHARE.ORGANISATION_AWAITING_APPROVAL',
} as const;

export const RECIPIENT_INACTIVE_MESSAGE =
  'This organisation account no longer accepts new results. Choose another department of the organisation, or ask the organisation which account to use.';
export const AWAITING_APPROVAL_MESSAGE =
  'This organisation has not been approved yet and cannot receive results. Results sent to its invitation are delivered once it is approved.';

/**
 * The organisation after one of its events (each version of it replaces what it says). Pure: the
 * directory's organisation stream, folded. An account an OrganisationRegistered no longer lists
 * stays, inactive (its shares stay readable; it refuses new ones).
 */
export const evolveOrganisation = (doc: RecipientOrganisation | null, e: OrganisationEvent): Omit<RecipientOrganisation, '_id' | '_version'> | null => {
  switch (e.type) {
    case 'OrganisationRegistered': {
      const listed = new Set(e.data.recipients.map((r) => r.recipientId));
      return {
        name: e.data.name,
        kind: e.data.kind,
        country: e.data.country,
        approved: e.data.approved ?? true,
        accounts: [
          ...e.data.recipients.map((r) => ({ recipientId: r.recipientId, department: r.department, active: true })),
          ...(doc?.accounts ?? []).filter((a) => !listed.has(a.recipientId)).map((a) => ({ ...a, active: false })),
        ],
      };
    }
    case 'OrganisationUpdated':
      return {
        name: e.data.name,
        kind: e.data.kind,
        country: e.data.country,
        approved: e.data.approved,
        accounts: doc?.accounts ?? [],
      };
    case 'RecipientAccountUpdated': {
      // Not registered yet (cannot happen on one ordered partition): nothing to say which organisation it is.
      if (!doc) return null;
      const account = { recipientId: e.data.recipientId, department: e.data.department, active: e.data.active };
      const known = doc.accounts.some((a) => a.recipientId === account.recipientId);
      return {
        name: doc.name,
        kind: doc.kind,
        country: doc.country,
        approved: doc.approved,
        accounts: known ? doc.accounts.map((a) => (a.recipientId === account.recipientId ? account : a)) : [...doc.accounts, account],
      };
    }
    default: {
      const unknown: never = e;
      throw new Error(`unknown organisation event ${JSON.stringify(unknown)}`);
    }
  }
};

/** The account documents an organisation's state gives (what send and the delivery of pending shares read). */
export const accountsOf = (org: RecipientOrganisation): VersionedChange<Omit<RecipientAccount, '_id' | '_version'>>[] =>
  org.accounts.map((a) => ({
    id: a.recipientId,
    version: org._version,
    event: {
      organisationId: org._id,
      organisationName: org.name,
      department: a.department,
      kind: org.kind,
      country: org.country,
      active: a.active,
      approved: org.approved,
    },
  }));

/** Whether new shares may go to the account: active, and its organisation approved. */
export const canReceive = (account: RecipientAccount): boolean => account.active && account.approved !== false;

/**
 * sharing's copy of the directory's recipient accounts: OrganisationRegistered, OrganisationUpdated
 * (name, kind, country: for shares sent from then on; approval) and RecipientAccountUpdated (added,
 * renamed, deactivated, reactivated). A share keeps the recipient as it was when it was sent.
 */
@Injectable()
export class RecipientsProjection {
  readonly view: DocumentCollection<RecipientAccount>;
  readonly organisations: DocumentCollection<RecipientOrganisation>;

  constructor(@Inject(INFRA) infra: ServiceInfrastructure) {
    this.view = infra.documents.collection<RecipientAccount>('recipients');
    this.organisations = infra.documents.collection<RecipientOrganisation>('recipient_organisations');
  }

  async init(): Promise<void> {
    await this.view.ensureIndex({ organisationId: 1 });
  }

  /**
   * Each organisation is folded from its events (guarded by the version of its stream), then its
   * accounts are written at that version: a repeat, or an older event after a newer one, changes
   * nothing. An organisation known only from its accounts (written before the organisation was
   * kept) starts from them.
   */
  async applyBatch(events: readonly OrganisationEvent[]): Promise<RecipientOrganisation[]> {
    if (events.length === 0) return [];
    const changes = events.map((e) => ({ id: e.data.organisationId, version: e.aggregateVersion, event: e }));
    await this.seedFromAccounts(changes);
    // What this batch wrote is known as written; only the rest (repeats after a crash between the two
    // writes, or a race with another instance) is read back: at a first boot's 10,000 organisations,
    // one $in read per slice of 500 is a scan of the collection on FerretDB.
    const written = new Map<string, RecipientOrganisation>();
    await applyVersionedBatch(this.organisations, changes, evolveOrganisation, (doc) => written.set(doc._id, doc));
    const ids = [...new Set(changes.map((c) => c.id))];
    const unwritten = ids.filter((id) => !written.has(id));
    const orgs = [...written.values(), ...(await findByIds(this.organisations, unwritten))];
    await applyVersionedBatch(this.view, orgs.flatMap(accountsOf), (_doc, account) => account);
    return orgs;
  }

  /** Organisations whose batch does not start with their first event and that are not kept yet: from their account documents. */
  private async seedFromAccounts(changes: readonly VersionedChange<OrganisationEvent>[]): Promise<void> {
    const firstVersion = new Map<string, number>();
    for (const c of changes) firstVersion.set(c.id, Math.min(c.version, firstVersion.get(c.id) ?? Infinity));
    const later = [...firstVersion].filter(([, v]) => v > 1).map(([id]) => id);
    if (later.length === 0) return;
    const kept = new Set((await findByIds(this.organisations, later)).map((o) => o._id));
    const missing = later.filter((id) => !kept.has(id));
    if (missing.length === 0) return;
    const accounts = await this.view.find({ organisationId: { $in: missing } });
    const seeded: RecipientOrganisation[] = [];
    for (const id of missing) {
      const mine = accounts.filter((a) => a.organisationId === id);
      if (mine.length === 0) continue;
      const latest = mine.reduce((a, b) => (b._version > a._version ? b : a));
      seeded.push({
        _id: id,
        _version: latest._version,
        name: latest.organisationName,
        kind: latest.kind,
        country: latest.country,
        approved: latest.approved ?? true,
        accounts: mine.map((a) => ({ recipientId: a._id, department: a.department, active: a.active })),
      });
    }
    if (seeded.length > 0) await this.organisations.insertMany(seeded, { ignoreDuplicates: true });
  }

  find(recipientId: string): Promise<RecipientAccount | null> {
    return this.view.findOne({ _id: recipientId });
  }

  /**
   * The account a new share may go to; null when there is no such account. An account the
   * operator deactivated, or whose organisation waits for approval, refuses it: 422 with a
   * message the candidate can act on.
   */
  async findActive(recipientId: string): Promise<RecipientAccount | null> {
    const account = await this.find(recipientId);
    if (!account) return null;
    if (!account.active) throw new DomainError('unprocessable', RecipientErrors.INACTIVE, RECIPIENT_INACTIVE_MESSAGE);
    if (account.approved === false) throw new DomainError('unprocessable', RecipientErrors.AWAITING_APPROVAL, AWAITING_APPROVAL_MESSAGE);
    return account;
  }

  /**
   * The account, when it may receive a share now (active, approved); null otherwise, without a
   * refusal: for a share to an invitation, which waits (pending) until the organisation may.
   */
  async findReady(recipientId: string): Promise<RecipientAccount | null> {
    const account = await this.find(recipientId);
    return account && canReceive(account) ? account : null;
  }
}
