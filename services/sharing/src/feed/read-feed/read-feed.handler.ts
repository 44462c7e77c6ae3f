import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DeliveryRecorder } from '../../lifecycle/delivery-recorder.js';
import { FeedProjection } from '../feed.projection.js';
import { ReadFeedQuery, type FeedPage } from './read-feed.query.js';

@QueryHandler(ReadFeedQuery)
export class ReadFeedHandler implements IQueryHandler<ReadFeedQuery, FeedPage> {
  constructor(
    private readonly feed: FeedProjection,
    private readonly deliveries: DeliveryRecorder,
  ) {}

  async execute(query: ReadFeedQuery): Promise<FeedPage> {
    const entries = await this.feed.read(query.organisationId, query.after, query.limit);
    const last = entries.at(-1);
    // The organisation's system has the shares this page serves: ShareDelivered, off the answer's path.
    this.deliveries.record(entries.map((e) => e.envelope), 'feed');
    return { items: entries.map((e) => e.envelope), nextCursor: last ? last.position : query.after };
  }
}
