import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { FeedProjection } from '../feed.projection.js';
import { ReadFeedQuery, type FeedPage } from './read-feed.query.js';

@QueryHandler(ReadFeedQuery)
export class ReadFeedHandler implements IQueryHandler<ReadFeedQuery, FeedPage> {
  constructor(private readonly feed: FeedProjection) {}

  async execute(query: ReadFeedQuery): Promise<FeedPage> {
    const entries = await this.feed.read(query.organisationId, query.after, query.limit);
    const last = entries.at(-1);
    return { items: entries.map((e) => e.envelope), nextCursor: last ? last.position : query.after };
  }
}
