import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MyShares } from '#libs/contracts';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { SharesProjection } from '../../projections/shares.projection.js';
import { timelineOf, type ShareView } from '../../projections/shares.read-model.js';
import { filtersHash } from '../paging/page.cursor.js';
import { newestFirst, pageOf } from '../paging/share-page.js';
import { ListMySharesQuery, type MyShare } from './list-my-shares.query.js';

/** One share as "Shared with" shows it: its status, timeline, and why it was withdrawn. */
export const toMyShare = (s: ShareView): MyShare => {
  const share: MyShare = {
    shareId: s._id,
    resultId: s.resultId,
    recipient: { recipientId: s.recipient.recipientId, organisationName: s.recipient.organisationName, department: s.recipient.department },
    sharedAt: s.sharedAt,
    status: s.status,
    readAt: s.readAt,
    amendedAt: s.amendedAt ?? null,
    timeline: timelineOf(s).map((t) => ({ event: t.event, at: t.at })),
  };
  if (s.invitationId) share.invitationId = s.invitationId;
  if (s.withdrawal) share.withdrawal = { ...s.withdrawal };
  return share;
};

@QueryHandler(ListMySharesQuery)
export class ListMySharesHandler implements IQueryHandler<ListMySharesQuery, MyShares> {
  constructor(
    private readonly projection: SharesProjection,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  async execute(query: ListMySharesQuery): Promise<MyShares> {
    const page = await pageOf(this.projection.view, {
      scope: { idNumber: query.idNumber },
      sections: newestFirst,
      range: {},
      limit: query.limit,
      cursor: query.cursor,
      hash: filtersHash({ list: 'me' }),
      now: this.infra.clock.now(),
    });
    return { items: page.docs.map(toMyShare), nextCursor: page.nextCursor };
  }
}
