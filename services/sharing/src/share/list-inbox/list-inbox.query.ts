import { Query } from '@nestjs/cqrs';
import type { ShareStatus } from '../../projections/shares.read-model.js';

export interface InboxItem {
  shareId: string;
  resultId: string;
  recipient: { recipientId: string; organisationName: string; department: string | null };
  candidate: { name: string };
  qualification: string;
  cefrLevel: string;
  sharedAt: string;
  status: ShareStatus;
  readAt: string | null;
}

/** An organisation's inbox: shares to any of its accounts, unread first, then newest. */
export class ListInboxQuery extends Query<{ items: InboxItem[] }> {
  constructor(
    readonly organisationId: string,
    readonly status: ShareStatus | undefined,
    readonly recipientId: string | undefined,
  ) {
    super();
  }
}
