import { Inject, Injectable } from '@nestjs/common';
import type { IntegrationEnvelope, OrganisationKindV1, OrganisationRegisteredV1 } from '#libs/contracts';
import type { DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { applyVersionedBatch, type VersionedChange, type VersionedDoc } from '#libs/projections';

/** One recipient account (a faculty or department of an organisation), from directory's events. */
export interface RecipientAccount extends VersionedDoc {
  organisationId: string;
  organisationName: string;
  department: string | null;
  kind: OrganisationKindV1;
  country: string;
  /** False once a newer version of the organisation no longer lists the account. */
  active: boolean;
}

type Registered = IntegrationEnvelope<'OrganisationRegistered', OrganisationRegisteredV1>;
type AccountChange = { org: OrganisationRegisteredV1; department: string | null; active: boolean };

const evolveAccount = (doc: RecipientAccount | null, c: AccountChange): Omit<RecipientAccount, '_id' | '_version'> => ({
  organisationId: c.org.organisationId,
  organisationName: c.org.name,
  department: c.active ? c.department : (doc?.department ?? c.department),
  kind: c.org.kind,
  country: c.org.country,
  active: c.active,
});

/** sharing's copy of the directory's recipient accounts, from OrganisationRegistered. */
@Injectable()
export class RecipientsProjection {
  readonly view: DocumentCollection<RecipientAccount>;

  constructor(@Inject(INFRA) infra: ServiceInfrastructure) {
    this.view = infra.documents.collection<RecipientAccount>('recipients');
  }

  async init(): Promise<void> {
    await this.view.ensureIndex({ organisationId: 1 });
  }

  /**
   * Each version of an organisation replaces its accounts; each account is guarded by that
   * version. A batch is read and written in bulk; only organisations past their first version
   * are looked up for accounts they no longer list.
   */
  async applyBatch(events: readonly Registered[]): Promise<void> {
    if (events.length === 0) return;
    const changes: VersionedChange<AccountChange>[] = events.flatMap((e) =>
      e.data.recipients.map((r) => ({ id: r.recipientId, version: e.aggregateVersion, event: { org: e.data, department: r.department, active: true } })),
    );
    const revised = events.filter((e) => e.aggregateVersion > 1);
    if (revised.length > 0) {
      const listed = new Set(changes.map((c) => c.id));
      const orgIds = [...new Set(revised.map((e) => e.data.organisationId))];
      const current = await this.view.find({ organisationId: { $in: orgIds }, active: true });
      for (const doc of current.filter((d) => !listed.has(d._id))) {
        const latest = revised.filter((e) => e.data.organisationId === doc.organisationId).at(-1)!;
        changes.push({ id: doc._id, version: latest.aggregateVersion, event: { org: latest.data, department: doc.department, active: false } });
      }
    }
    await applyVersionedBatch(this.view, changes, evolveAccount);
  }

  findActive(recipientId: string): Promise<RecipientAccount | null> {
    return this.view.findOne({ _id: recipientId, active: true });
  }
}
