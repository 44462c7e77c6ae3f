import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { IntegrationEnvelope, ResultPublishedV1, ResultSharedV1 } from '#libs/contracts';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import type { DocumentCollection } from '#libs/persistence';
import { applyVersionedBatch, type Evolve, type VersionedDoc } from '#libs/projections';

/** Whose result it is (by resultId), from ResultPublished: a ResultAmended names only the result. */
export interface ResultOwnerDoc extends VersionedDoc {
  idNumber: string;
  qualification: string;
}

/** Whose share it is and who holds it (by shareId), from ResultShared: a ResultRead names only ids. */
export interface SharedResultDoc extends VersionedDoc {
  resultId: string;
  idNumber: string;
  organisationName: string;
  department: string | null;
  qualification: string;
}

const evolveOwner: Evolve<ResultOwnerDoc, ResultPublishedV1> = (_doc, data) => ({ idNumber: data.idNumber, qualification: data.qualification });

const evolveShared: Evolve<SharedResultDoc, ResultSharedV1> = (_doc, data) => ({
  resultId: data.resultId,
  idNumber: data.candidate.idNumber,
  organisationName: data.recipient.organisationName,
  department: data.recipient.department,
  qualification: data.result.qualification,
});

/**
 * What identity keeps of results and shares to know which candidate an e-mail is for and what to
 * say in it: the owner's ID Number (the candidate's stream is keyed by it) and the organisation's
 * name as the share carried it. Fed by the results and shares topics.
 */
@Injectable()
export class NotificationSources implements OnModuleInit {
  private readonly owners: DocumentCollection<ResultOwnerDoc>;
  private readonly shared: DocumentCollection<SharedResultDoc>;

  constructor(@Inject(INFRA) infra: ServiceInfrastructure) {
    this.owners = infra.documents.collection<ResultOwnerDoc>('notification_result_owners');
    this.shared = infra.documents.collection<SharedResultDoc>('notification_shared_results');
  }

  async onModuleInit(): Promise<void> {
    await this.shared.ensureIndex({ resultId: 1 });
  }

  async applyPublished(events: readonly IntegrationEnvelope<'ResultPublished', ResultPublishedV1>[]): Promise<void> {
    await applyVersionedBatch(
      this.owners,
      events.map((e) => ({ id: e.data.resultId, version: e.aggregateVersion, event: e.data })),
      evolveOwner,
    );
  }

  async applyShared(events: readonly IntegrationEnvelope<'ResultShared', ResultSharedV1>[]): Promise<void> {
    await applyVersionedBatch(
      this.shared,
      events.map((e) => ({ id: e.data.shareId, version: e.aggregateVersion, event: e.data })),
      evolveShared,
    );
  }

  ownerOf(resultId: string): Promise<ResultOwnerDoc | null> {
    return this.owners.findOne({ _id: resultId });
  }

  share(shareId: string): Promise<SharedResultDoc | null> {
    return this.shared.findOne({ _id: shareId });
  }

  /** The organisations holding a share of the result (each name once, in the order shared). */
  async holdersOf(resultId: string): Promise<string[]> {
    const shares = await this.shared.find({ resultId });
    return [...new Set(shares.map((s) => (s.department ? `${s.organisationName} (${s.department})` : s.organisationName)))];
  }
}
