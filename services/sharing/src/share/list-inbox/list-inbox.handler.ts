import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import type { Inbox, InboxShare } from '#libs/contracts';
import { SharesProjection } from '../../projections/shares.projection.js';
import { inboxStatusOf, type ShareView } from '../../projections/shares.read-model.js';
import { dateRange } from '../paging/date-range.js';
import { inboxScope } from '../paging/inbox-filters.js';
import { filtersHash } from '../paging/page.cursor.js';
import { inboxSections, pageOf } from '../paging/share-page.js';
import { ListInboxQuery } from './list-inbox.query.js';

/** One share as the organisation's inbox lists it; a withdrawn one without its candidate or result. */
export const toInboxItem = (s: ShareView): InboxShare => {
  const item: InboxShare = {
    shareId: s._id,
    resultId: s.resultId,
    recipient: { recipientId: s.recipient.recipientId, organisationName: s.recipient.organisationName, department: s.recipient.department },
    sharedAt: s.sharedAt,
    status: inboxStatusOf(s.status),
    readAt: s.readAt,
    amendedAt: s.amendedAt ?? null,
  };
  if (s.status === 'withdrawn') {
    if (s.withdrawal) item.withdrawal = { ...s.withdrawal };
    return item;
  }
  return {
    ...item,
    candidate: { name: s.candidate.name, dateOfBirth: s.candidate.dateOfBirth, idNumber: s.idNumber },
    qualification: s.qualification,
    cefrLevel: s.cefrLevel,
  };
};

@QueryHandler(ListInboxQuery)
export class ListInboxHandler implements IQueryHandler<ListInboxQuery, Inbox> {
  constructor(
    private readonly projection: SharesProjection,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  async execute(query: ListInboxQuery): Promise<Inbox> {
    const { organisationId: _scoped, ...filters } = query.filters;
    const page = await pageOf(this.projection.view, {
      scope: inboxScope(query.filters),
      sections: inboxSections(query.filters.status),
      range: dateRange(query.filters.from, query.filters.to),
      limit: query.limit,
      cursor: query.cursor,
      hash: filtersHash({ list: 'inbox', ...filters }),
      now: this.infra.clock.now(),
    });
    return { items: page.docs.map(toInboxItem), nextCursor: page.nextCursor };
  }
}
