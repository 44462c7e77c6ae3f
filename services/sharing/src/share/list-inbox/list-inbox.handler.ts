import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Filter } from '#libs/persistence';
import { SharesProjection } from '../../projections/shares.projection.js';
import type { ShareView } from '../../projections/shares.read-model.js';
import type { Inbox, InboxShare } from '#libs/contracts';
import { ListInboxQuery } from './list-inbox.query.js';

/** A safety cap on one answer (the inbox has no paging yet). */
const MAX_ITEMS = 1000;

export const toInboxItem = (s: ShareView): InboxShare => ({
  shareId: s._id,
  resultId: s.resultId,
  recipient: { recipientId: s.recipient.recipientId, organisationName: s.recipient.organisationName, department: s.recipient.department },
  candidate: { name: s.candidate.name },
  qualification: s.qualification,
  cefrLevel: s.cefrLevel,
  sharedAt: s.sharedAt,
  status: s.status,
  readAt: s.readAt,
});

@QueryHandler(ListInboxQuery)
export class ListInboxHandler implements IQueryHandler<ListInboxQuery, Inbox> {
  constructor(private readonly projection: SharesProjection) {}

  async execute(query: ListInboxQuery): Promise<Inbox> {
    // Always scoped by the caller's organisation: another organisation's recipientId finds nothing.
    const filter: Filter = { organisationId: query.organisationId };
    if (query.status) filter['status'] = query.status;
    if (query.recipientId) filter['recipientId'] = query.recipientId;
    // 'unread' sorts after 'read', so descending puts unread first.
    const docs = await this.projection.view.find(filter, { sort: { status: -1, sharedAt: -1 }, limit: MAX_ITEMS });
    return { items: docs.map(toInboxItem) };
  }
}
