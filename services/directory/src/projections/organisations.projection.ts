import { Inject, Injectable } from '@nestjs/common';
import { EventStore, type StoredEvent, type StoredOf } from '#libs/event-store';
import type { DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { applyVersionedBatch, type Evolve, type Projection, type VersionedDoc } from '#libs/projections';
import { organisationDecider, type Organisation } from '../organisation/organisation.decider.js';
import { organisationStream, organisationStreamId, type OrganisationEvent } from '../organisation/organisation.events.js';
import { SEED_ACTOR } from '../organisation/seed/seed.events.js';
import { organisationEventsByStream } from './directory-entries.js';

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

/** The registration of an organisation imported from the seed data (DIRECTORY_SEED). */
const imported = (e: StoredEvent): boolean => e.version === 1 && e.metadata.actor === SEED_ACTOR;

/**
 * The operator's list of organisations (all, or those waiting for approval), fed by the
 * organisation events through the same evolve as the aggregate. A single organisation is read
 * from its stream (GET answers what a PATCH just did); the list may trail it by the relay's delay.
 *
 * The 10,000 organisations imported from the seed data are left out until the operator edits one
 * (then it is folded from its whole stream): writing them all here added seconds to every first
 * boot on FerretDB, and sorting them made every list take seconds. They are found by search; the
 * list holds what the operator and invitations added, and what the operator touched.
 */
@Injectable()
export class OrganisationsProjection implements Projection {
  readonly name = ORGANISATIONS_VIEW;
  readonly view: DocumentCollection<OrganisationView>;

  constructor(
    @Inject(INFRA) infra: ServiceInfrastructure,
    private readonly store: EventStore,
  ) {
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
    const changes = [];
    for (const [streamId, batch] of organisationEventsByStream(events)) {
      const kept = batch.filter((e) => !imported(e));
      const [first] = kept;
      if (!first) continue;
      const id = streamId.slice(organisationStream.prefix.length);
      // An edit may be the first this view sees of an imported organisation: folded from its whole
      // stream (versioned: what the view already holds is skipped).
      const history: readonly StoredOf<OrganisationEvent>[] = first.version === 1 ? kept : await this.store.readStream(organisationStreamId(id));
      changes.push(...history.map((event) => ({ id, version: event.version, event })));
    }
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
