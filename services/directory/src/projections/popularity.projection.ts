import { Inject, Injectable } from '@nestjs/common';
import type { IntegrationEnvelope, ResultSharedV1 } from '#libs/contracts';
import type { DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { DIRECTORY_INDEX } from '../directory.options.js';
import type { DirectorySearchIndex, OrganisationPopularity } from '../search/index.js';

type Shared = IntegrationEnvelope<'ResultShared', ResultSharedV1>;

/** One share the directory has counted (only its id and organisation: nothing about the candidate). */
interface CountedShare {
  _id: string;
  organisationId: string;
}

/** How many shares an organisation has received: the popularity signal of search. */
interface PopularityDoc {
  _id: string;
  shares: number;
}

/**
 * Counts shares per organisation from sharing's ResultShared events and feeds the counts into
 * the search index, so that an institution candidates send to often rises in the typeahead.
 * Idempotent: a share is counted through a ledger keyed by its id, and an organisation's count
 * is recounted from that ledger (a redelivered event changes nothing).
 */
@Injectable()
export class PopularityProjection {
  private readonly ledger: DocumentCollection<CountedShare>;
  private readonly counts: DocumentCollection<PopularityDoc>;

  constructor(
    @Inject(INFRA) infra: ServiceInfrastructure,
    @Inject(DIRECTORY_INDEX) private readonly index: DirectorySearchIndex,
  ) {
    this.ledger = infra.documents.collection<CountedShare>('popularity_shares');
    this.counts = infra.documents.collection<PopularityDoc>('organisation_popularity');
  }

  async init(): Promise<void> {
    await this.ledger.ensureIndex({ organisationId: 1 });
  }

  async applyBatch(events: readonly Shared[]): Promise<void> {
    if (events.length === 0) return;
    await this.ledger.insertMany(
      events.map((e) => ({ _id: e.data.shareId, organisationId: e.data.recipient.organisationId })),
      { ignoreDuplicates: true },
    );
    const changed: OrganisationPopularity[] = [];
    for (const organisationId of new Set(events.map((e) => e.data.recipient.organisationId))) {
      const shares = await this.ledger.count({ organisationId });
      await this.counts.updateOne({ _id: organisationId }, { $set: { shares } }, { upsert: true });
      changed.push({ organisationId, shares });
    }
    await this.index.setPopularity(changed);
  }

  /** How many shares the organisation has received (0 if none). */
  async sharesOf(organisationId: string): Promise<number> {
    return (await this.counts.findOne({ _id: organisationId }))?.shares ?? 0;
  }

  /** Every organisation's count, into the index (after the index was rebuilt or started empty). */
  async pushAll(): Promise<number> {
    const all = await this.counts.find({});
    await this.index.setPopularity(all.map((d) => ({ organisationId: d._id, shares: d.shares })));
    return all.length;
  }
}
