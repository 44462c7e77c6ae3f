import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SharesProjection } from '../../projections/shares.projection.js';
import type { ShareView } from '../../projections/shares.read-model.js';
import { ListMySharesQuery, type MyShare } from './list-my-shares.query.js';

/** A safety cap: a candidate has a handful of results and shares. */
const MAX_ITEMS = 1000;

export const toMyShare = (s: ShareView): MyShare => ({
  shareId: s._id,
  resultId: s.resultId,
  recipient: { recipientId: s.recipient.recipientId, organisationName: s.recipient.organisationName, department: s.recipient.department },
  sharedAt: s.sharedAt,
  status: s.status,
  readAt: s.readAt,
});

@QueryHandler(ListMySharesQuery)
export class ListMySharesHandler implements IQueryHandler<ListMySharesQuery, { items: MyShare[] }> {
  constructor(private readonly projection: SharesProjection) {}

  async execute(query: ListMySharesQuery): Promise<{ items: MyShare[] }> {
    const docs = await this.projection.view.find({ idNumber: query.idNumber }, { sort: { sharedAt: -1 }, limit: MAX_ITEMS });
    return { items: docs.map(toMyShare) };
  }
}
