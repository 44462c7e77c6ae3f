import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';
import { POSITION_SOURCE } from '../feed.position.js';

/** An integration event as published (IntegrationEnvelope in libs/contracts; its data per the AsyncAPI document). */
export class FeedEnvelope {
  @ApiProperty({ description: 'Unique per event: process each once' })
  eventId!: string;

  @ApiProperty({ example: 'ResultShared', description: 'ResultShared or ResultRead (more may be added)' })
  type!: string;

  @ApiProperty({ type: 'integer', example: 1 })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiProperty()
  aggregateId!: string;

  @ApiProperty({ type: 'integer' })
  aggregateVersion!: number;

  @ApiProperty()
  correlationId!: string;

  @ApiProperty({ type: String, nullable: true })
  causationId!: string | null;

  @ApiProperty({ example: 'sharing' })
  producer!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event, as in docs/asyncapi.json' })
  data!: Record<string, unknown>;
}

export class FeedPageResponse implements Http.FeedPage {
  @ApiProperty({ type: [FeedEnvelope] })
  items!: FeedEnvelope[];

  @ApiProperty({ pattern: POSITION_SOURCE, example: '1764657493123.share-3f0c9a52-1d7e-4b8e-9a57-2f4a1c8e6b10.000001.0', description: 'The position of the last item: pass as `after` for the next page (the same when nothing is new); it names the same event for ever' })
  nextCursor!: string;
}

export const nextPageLink = {
  NextPage: { operationId: 'readFeed', parameters: { after: '$response.body#/nextCursor' }, description: 'The next page of the feed.' },
};
