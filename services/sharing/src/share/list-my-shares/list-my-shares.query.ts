import { Query } from '@nestjs/cqrs';
import type { ShareStatus } from '../../projections/shares.read-model.js';

export interface MyShare {
  shareId: string;
  resultId: string;
  recipient: { recipientId: string; organisationName: string; department: string | null };
  sharedAt: string;
  status: ShareStatus;
  readAt: string | null;
}

/** The candidate's "Shared with" list: every share of their results, newest first. */
export class ListMySharesQuery extends Query<{ items: MyShare[] }> {
  constructor(readonly idNumber: string) {
    super();
  }
}
