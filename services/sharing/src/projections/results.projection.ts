import { Inject, Injectable } from '@nestjs/common';
import type { IntegrationEnvelope, ResultAmendedV1, ResultChangesV1, ResultDetails, ResultPublishedV1, ResultWithdrawnV1 } from '#libs/contracts';
import { DomainError } from '#libs/domain';
import type { DocumentCollection } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { applyVersionedBatch, type Evolve, type VersionedDoc } from '#libs/projections';

/** A published result as sharing needs it, from results' ResultPublished (keyed by resultId), as it now is. */
export interface SharableResult extends VersionedDoc {
  idNumber: string;
  candidate: { name: string; dateOfBirth: string };
  /** The current version: after the exam centre's amendments, if any. */
  details: ResultDetails;
  releaseAt: string;
  restrictions: string[];
  verificationCode: string;
  /** The last amendment (its time, reason and changed fields); absent when never amended. */
  lastAmendment?: { at: string; reason: string; changes: ResultChangesV1 };
  /** Set once the exam centre withdrew the result: it can no longer be sent. */
  withdrawn?: { at: string; reason: string };
}

export type ResultEvent =
  | IntegrationEnvelope<'ResultPublished', ResultPublishedV1>
  | IntegrationEnvelope<'ResultAmended', ResultAmendedV1>
  | IntegrationEnvelope<'ResultWithdrawn', ResultWithdrawnV1>;

export const RESULT_WITHDRAWN = 'SHARE.RESULT_WITHDRAWN';
export const RESULT_WITHDRAWN_MESSAGE = 'This result has been withdrawn by the exam centre and can no longer be sent.';

const detailsOf = (r: ResultDetails): ResultDetails => ({
  qualification: r.qualification,
  cefrLevel: r.cefrLevel,
  overallScore: r.overallScore,
  grade: r.grade,
  components: r.components.map((c) => ({ skill: c.skill, score: c.score })),
  examDate: r.examDate,
});

export const evolveSharableResult: Evolve<SharableResult, ResultEvent> = (doc, e) => {
  switch (e.type) {
    case 'ResultPublished': {
      const d = e.data;
      return {
        idNumber: d.idNumber,
        candidate: { name: d.candidate.name, dateOfBirth: d.candidate.dateOfBirth },
        details: detailsOf(d),
        releaseAt: d.releaseAt,
        restrictions: [...d.restrictions],
        verificationCode: d.verificationCode,
      };
    }
    case 'ResultAmended': {
      // Amended before sharing saw it published (cannot happen on one ordered partition): nothing to amend.
      if (!doc) return null;
      const { _id: _i, _version: _v, ...rest } = doc;
      const { amendedAt: at, reason, changes } = e.data;
      return { ...rest, details: detailsOf(e.data.result), verificationCode: e.data.result.verificationCode, lastAmendment: { at, reason, changes: structuredClone(changes) } };
    }
    case 'ResultWithdrawn': {
      if (!doc) return null;
      const { _id: _i, _version: _v, ...rest } = doc;
      return { ...rest, withdrawn: { at: e.data.withdrawnAt, reason: e.data.reason } };
    }
    default: {
      const unknown: never = e;
      throw new Error(`unknown result event ${JSON.stringify(unknown)}`);
    }
  }
};

/** sharing's copy of the published results, from ResultPublished, ResultAmended and ResultWithdrawn. */
@Injectable()
export class ResultsProjection {
  readonly view: DocumentCollection<SharableResult>;

  constructor(@Inject(INFRA) infra: ServiceInfrastructure) {
    this.view = infra.documents.collection<SharableResult>('results');
  }

  async init(): Promise<void> {
    await this.view.ensureIndex({ idNumber: 1 });
  }

  async applyBatch(events: readonly ResultEvent[]): Promise<void> {
    await applyVersionedBatch(
      this.view,
      events.map((e) => ({ id: e.data.resultId, version: e.aggregateVersion, event: e })),
      evolveSharableResult,
    );
  }

  find(resultId: string): Promise<SharableResult | null> {
    return this.view.findOne({ _id: resultId });
  }

  /**
   * The candidate's own result, released by `now`, as it now is; anything else is "no such
   * result". A result the exam centre withdrew refuses to be sent: 422.
   */
  async findReleased(resultId: string, idNumber: string, now: Date): Promise<SharableResult | null> {
    const result = await this.view.findOne({ _id: resultId, idNumber, releaseAt: { $lte: now.toISOString() } });
    if (result?.withdrawn) throw new DomainError('unprocessable', RESULT_WITHDRAWN, RESULT_WITHDRAWN_MESSAGE);
    return result;
  }
}
