import { Query } from '@nestjs/cqrs';
import type { IntegrationEnvelope } from '#libs/contracts';

/** A page of the feed: the envelopes, and the position to pass as `after` for the next page. */
export interface FeedPage {
  items: IntegrationEnvelope[];
  nextCursor: string;
}

/** The share events of the organisation's accounts (ResultShared, ResultRead, ShareWithdrawn, ShareAmended; not ShareDelivered, their own receipts), in position order, after `after` ('0': the beginning). */
export class ReadFeedQuery extends Query<FeedPage> {
  constructor(
    readonly organisationId: string,
    readonly after: string,
    readonly limit: number,
  ) {
    super();
  }
}
