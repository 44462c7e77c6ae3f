import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';

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

  @ApiProperty({ pattern: '^[0-9]{1,15}$', example: '42', description: 'Pass as `after` for the next page (the same when nothing is new)' })
  nextCursor!: string;
}

export const nextPageLink = {
  NextPage: { operationId: 'readFeed', parameters: { after: '$response.body#/nextCursor' }, description: 'The next page of the feed.' },
};
