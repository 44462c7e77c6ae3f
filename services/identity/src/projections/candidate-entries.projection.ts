import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { CandidateEnteredV1, IntegrationEnvelope } from '#libs/contracts';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import type { DocumentCollection } from '#libs/persistence';
import { applyVersionedBatch, type Evolve, type VersionedDoc } from '#libs/projections';

/** What identity keeps of an entry: just enough to check a registration (no name, no birth date). */
export interface CandidateEntryDoc extends VersionedDoc {
  entryId: string;
  secretHash: string;
}

const evolveEntry: Evolve<CandidateEntryDoc, CandidateEnteredV1> = (_doc, data) => ({
  entryId: data.entryId,
  secretHash: data.secretHash,
});

/** identity's own projection of results' entries (by ID Number), fed by CandidateEntered. */
@Injectable()
export class CandidateEntries implements OnModuleInit {
  private readonly entries: DocumentCollection<CandidateEntryDoc>;

  constructor(@Inject(INFRA) infra: ServiceInfrastructure) {
    this.entries = infra.documents.collection<CandidateEntryDoc>('candidate_entries');
  }

  async onModuleInit(): Promise<void> {
    await this.entries.ensureIndex({ entryId: 1 });
  }

  async applyBatch(events: readonly IntegrationEnvelope<'CandidateEntered', CandidateEnteredV1>[]): Promise<void> {
    await applyVersionedBatch(
      this.entries,
      events.map((e) => ({ id: e.data.idNumber, version: e.aggregateVersion, event: e.data })),
      evolveEntry,
    );
  }

  byIdNumber(idNumber: string): Promise<CandidateEntryDoc | null> {
    return this.entries.findOne({ _id: idNumber });
  }
}
