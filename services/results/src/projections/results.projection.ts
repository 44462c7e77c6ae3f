import { Inject, Injectable } from '@nestjs/common';
import type { StoredEvent, StoredOf } from '#libs/event-store';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { applyVersioned, type Evolve, type Projection } from '#libs/projections';
import type { DocumentCollection, Filter, FindOptions } from '#libs/persistence';
import { resultStream, type ResultEvent } from '../result/result.events.js';
import { RESULTS_VIEW, type ResultView } from './results.read-model.js';

export const evolveResultView: Evolve<ResultView, StoredOf<ResultEvent>> = (doc, e) => {
  switch (e.type) {
    case 'ResultPublished': {
      const { resultId: _id, ...rest } = e.data;
      return { ...rest, publishedAt: e.occurredAt };
    }
    case 'ResultAmended': {
      if (!doc) return null;
      const { _id, _version, ...rest } = doc;
      const { verificationCode: _code, ...current } = e.data.current;
      return { ...rest, ...current, lastAmendment: { at: e.data.amendedAt, reason: e.data.reason } };
    }
    case 'ResultWithdrawn': {
      if (!doc) return null;
      const { _id, _version, ...rest } = doc;
      return { ...rest, withdrawnAt: e.data.withdrawnAt, withdrawalReason: e.data.reason };
    }
    default: {
      const unknown: never = e;
      throw new Error(`unknown result event ${String((unknown as { type: unknown }).type)}`);
    }
  }
};

@Injectable()
export class ResultsProjection implements Projection {
  readonly name = RESULTS_VIEW;
  readonly view: DocumentCollection<ResultView>;
  constructor(@Inject(INFRA) private readonly infra: ServiceInfrastructure) {
    this.view = infra.documents.collection<ResultView>(RESULTS_VIEW);
  }

  /** Before its release time a result does not exist for anyone: the one rule every reader goes through. */
  released(filter: Filter, options?: FindOptions): Promise<ResultView[]> {
    return this.view.find({ ...filter, releaseAt: { $lte: this.infra.clock.now().toISOString() } }, options);
  }

  /** One released result, or null (not yet released is not found). */
  releasedOne(filter: Filter): Promise<ResultView | null> {
    return this.view.findOne({ ...filter, releaseAt: { $lte: this.infra.clock.now().toISOString() } });
  }

  /**
   * The released results whose statements carry these verification codes: one `$in` query whatever
   * their number (a scan on FerretDB, the unique index on MongoDB).
   */
  releasedByCodes(codes: readonly string[]): Promise<ResultView[]> {
    return codes.length === 0 ? Promise.resolve([]) : this.released({ verificationCode: { $in: [...new Set(codes)] } });
  }

  async init(): Promise<void> {
    await this.view.ensureIndex({ idNumber: 1 });
    await this.view.ensureIndex({ verificationCode: 1 }, { unique: true });
  }

  async apply(event: StoredEvent): Promise<void> {
    if (!resultStream.owns(event)) return;
    await applyVersioned(this.view, event.streamId.slice(resultStream.prefix.length), event.version, event, evolveResultView);
  }

  async reset(): Promise<void> {
    await this.view.deleteMany({});
  }
}
