import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
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
  amendedAt: r.lastAmendment?.at ?? null,
  withdrawnAt: r.withdrawnAt ?? null,
});

@QueryHandler(ListMyResultsQuery)
export class ListMyResultsHandler implements IQueryHandler<ListMyResultsQuery, { items: MyResult[] }> {
  constructor(
    private readonly projection: ResultsProjection,
  ) {}

  async execute(query: ListMyResultsQuery): Promise<{ items: MyResult[] }> {
    const docs = await this.projection.released({ idNumber: query.idNumber }, { sort: { examDate: -1 } });
    return { items: docs.map(toMyResult) };
  }
}
