import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { ResultsProjection } from '../../projections/results.projection.js';
import type { ResultView } from '../../projections/results.read-model.js';
import { ListMyResultsQuery, type MyResult } from './list-my-results.query.js';

export const toMyResult = (r: ResultView): MyResult => ({
  resultId: r._id,
  qualification: r.qualification,
  cefrLevel: r.cefrLevel,
  overallScore: r.overallScore,
  grade: r.grade,
  components: r.components,
  examDate: r.examDate,
  releasedAt: r.releaseAt,
  restrictions: r.restrictions,
  verificationCode: r.verificationCode,
});

@QueryHandler(ListMyResultsQuery)
export class ListMyResultsHandler implements IQueryHandler<ListMyResultsQuery, { items: MyResult[] }> {
  constructor(
    private readonly projection: ResultsProjection,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  async execute(query: ListMyResultsQuery): Promise<{ items: MyResult[] }> {
    const now = this.infra.clock.now().toISOString();
    // Before its release time a result does not exist for the candidate.
    const docs = await this.projection.view.find(
      { idNumber: query.idNumber, releaseAt: { $lte: now } },
      { sort: { examDate: -1 } },
    );
    return { items: docs.map(toMyResult) };
  }
}
