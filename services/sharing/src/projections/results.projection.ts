import { Inject, Injectable } from '@nestjs/common';
import type { IntegrationEnvelope, ResultDetails, ResultPublishedV1 } from '#libs/contracts';
import type { DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { applyVersionedBatch, type Evolve, type VersionedDoc } from '#libs/projections';

/** A published result as sharing needs it, from results' ResultPublished (keyed by resultId). */
export interface SharableResult extends VersionedDoc {
  idNumber: string;
  candidate: { name: string; dateOfBirth: string };
  details: ResultDetails;
  releaseAt: string;
  restrictions: string[];
  verificationCode: string;
}

export const evolveSharableResult: Evolve<SharableResult, ResultPublishedV1> = (_doc, e) => ({
  idNumber: e.idNumber,
  candidate: { name: e.candidate.name, dateOfBirth: e.candidate.dateOfBirth },
  details: {
    qualification: e.qualification,
    cefrLevel: e.cefrLevel,
    overallScore: e.overallScore,
    grade: e.grade,
    components: e.components.map((c) => ({ skill: c.skill, score: c.score })),
    examDate: e.examDate,
  },
  releaseAt: e.releaseAt,
  restrictions: [...e.restrictions],
  verificationCode: e.verificationCode,
});

/** sharing's copy of the published results, from ResultPublished. */
@Injectable()
export class ResultsProjection {
  readonly view: DocumentCollection<SharableResult>;

  constructor(@Inject(INFRA) infra: ServiceInfrastructure) {
    this.view = infra.documents.collection<SharableResult>('results');
  }

  async init(): Promise<void> {
    await this.view.ensureIndex({ idNumber: 1 });
  }

  async applyBatch(events: readonly IntegrationEnvelope<'ResultPublished', ResultPublishedV1>[]): Promise<void> {
    await applyVersionedBatch(
      this.view,
      events.map((e) => ({ id: e.data.resultId, version: e.aggregateVersion, event: e.data })),
      evolveSharableResult,
    );
  }

  /** The candidate's own result, released by `now`; anything else is "no such result". */
  findReleased(resultId: string, idNumber: string, now: Date): Promise<SharableResult | null> {
    return this.view.findOne({ _id: resultId, idNumber, releaseAt: { $lte: now.toISOString() } });
  }
}
