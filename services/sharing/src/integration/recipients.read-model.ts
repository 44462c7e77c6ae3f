import { Inject, Injectable } from '@nestjs/common';
import type { IntegrationEnvelope, OrganisationKindV1, OrganisationRegisteredV1 } from '#libs/contracts';
import type { DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { applyVersioned, type VersionedDoc } from '#libs/projections';

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

@Injectable()
export class RecipientsReadModel {
  readonly view: DocumentCollection<RecipientAccount>;

  constructor(@Inject(INFRA) infra: ServiceInfrastructure) {
    this.view = infra.documents.collection<RecipientAccount>('recipients');
  }

  async init(): Promise<void> {
    await this.view.ensureIndex({ organisationId: 1 });
  }

  /** Each version of an organisation replaces its accounts; each account is guarded by that version. */
  async apply(event: IntegrationEnvelope<'OrganisationRegistered', OrganisationRegisteredV1>): Promise<void> {
    const org = event.data;
    const listed = new Set(org.recipients.map((r) => r.recipientId));
    for (const r of org.recipients) {
      await applyVersioned(this.view, r.recipientId, event.aggregateVersion, r, (_doc, account) => ({
        organisationId: org.organisationId,
        organisationName: org.name,
        department: account.department,
        kind: org.kind,
        country: org.country,
        active: true,
      }));
    }
    const dropped = await this.view.find({ organisationId: org.organisationId, active: true });
    for (const doc of dropped.filter((d) => !listed.has(d._id))) {
      await applyVersioned(this.view, doc._id, event.aggregateVersion, doc, (current) => (current ? { ...strip(current), active: false } : null));
    }
  }

  findActive(recipientId: string): Promise<RecipientAccount | null> {
    return this.view.findOne({ _id: recipientId, active: true });
  }
}

const strip = ({ _id: _ignored, _version: _v, ...rest }: RecipientAccount): Omit<RecipientAccount, '_id' | '_version'> => rest;
