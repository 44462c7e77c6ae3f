import { Query } from '@nestjs/cqrs';
import type { Inbox } from '#libs/contracts';
import type { InboxFilters } from '../paging/inbox-filters.js';

/** A page of an organisation's inbox: shares to any of its accounts, unread first, then newest. */
export class ListInboxQuery extends Query<Inbox> {
  constructor(
    readonly filters: InboxFilters,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}
