import { Query } from '@nestjs/cqrs';
import type { Inbox, ShareStatus } from '#libs/contracts';

/** An organisation's inbox: shares to any of its accounts, unread first, then newest. */
export class ListInboxQuery extends Query<Inbox> {
  constructor(
    readonly organisationId: string,
    readonly status: ShareStatus | undefined,
    readonly recipientId: string | undefined,
  ) {
    super();
  }
}
