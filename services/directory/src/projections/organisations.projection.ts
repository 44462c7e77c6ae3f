import { Inject, Injectable } from '@nestjs/common';
import type { StoredEvent, StoredOf } from '#libs/event-store';
import type { DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { applyVersionedBatch, type Evolve, type Projection, type VersionedDoc } from '#libs/projections';
import { organisationDecider, type Organisation } from '../organisation/organisation.decider.js';
import { organisationStream, type OrganisationEvent } from '../organisation/organisation.events.js';

/** One organisation as its events left it (`_id` = organisationId), for the operator's list. */
export interface OrganisationView extends VersionedDoc, Organisation {
  /** When it was registered (its first event): the list is newest first. */
  registeredAt: string;
}

export const ORGANISATIONS_VIEW = 'organisations_view';

const organisationOfView = ({ _id: _ignored, _version: _v, registeredAt: _r, ...organisation }: OrganisationView): Organisation => organisation;

export const evolveOrganisationView: Evolve<OrganisationView, StoredOf<OrganisationEvent>> = (doc, e) => {
  const before = doc ? { status: 'registered' as const, organisation: organisationOfView(doc) } : organisationDecider.initialState;
  const after = organisationDecider.evolve(before, e);
  if (after.status !== 'registered') return null;
  return { ...after.organisation, registeredAt: doc?.registeredAt ?? e.occurredAt };
};

/**
 * The operator's list of organisations (all, or those waiting for approval), fed by the
 * organisation events through the same evolve as the aggregate. A single organisation is read
 * from its stream (GET answers what a PATCH just did); the list may trail it by the relay's delay.
 */
@Injectable()
export class OrganisationsProjection implements Projection {
  readonly name = ORGANISATIONS_VIEW;
  readonly view: DocumentCollection<OrganisationView>;

  constructor(@Inject(INFRA) infra: ServiceInfrastructure) {
    this.view = infra.documents.collection<OrganisationView>(ORGANISATIONS_VIEW);
  }

  async init(): Promise<void> {
    await this.view.ensureIndex({ registeredAt: -1 });
    await this.view.ensureIndex({ approved: 1, registeredAt: -1 });
  }

  async apply(event: StoredEvent): Promise<void> {
    await this.applyBatch([event]);
  }

  async applyBatch(events: readonly StoredEvent[]): Promise<void> {
    const changes = events
      .filter(organisationStream.owns)
      .map((e) => ({ id: e.streamId.slice(organisationStream.prefix.length), version: e.version, event: e }));
    await applyVersionedBatch(this.view, changes, evolveOrganisationView);
  }

  /** Newest first, at most `limit`; only those waiting for approval when `pendingOnly`. */
  async list(pendingOnly: boolean, limit: number): Promise<Organisation[]> {
    const docs = await this.view.find(pendingOnly ? { approved: false } : {}, { sort: { registeredAt: -1, _id: 1 }, limit });
    return docs.map(organisationOfView);
  }

  async reset(): Promise<void> {
    await this.view.deleteMany({});
  }
}
