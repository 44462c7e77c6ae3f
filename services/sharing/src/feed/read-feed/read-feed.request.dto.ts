import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { POSITION_PATTERN, POSITION_SOURCE } from '../feed.position.js';

export const MAX_FEED_PAGE = 2000;

export class ReadFeedRequest {
  @ApiPropertyOptional({
    description: 'The `nextCursor` of the previous page (a position: it names the same event for ever); omit, or `0`, to start from the beginning.',
    example: '1764657493123.share-3f0c9a52-1d7e-4b8e-9a57-2f4a1c8e6b10.000001.0',
    pattern: POSITION_SOURCE,
    maxLength: 160,
  })
  @IsOptional()
  @IsString()
  @Matches(POSITION_PATTERN, { message: 'after must be a nextCursor given by this feed (or 0 for the beginning)' })
  after?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_FEED_PAGE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 2000' })
  @Min(1, { message: 'limit must be a whole number from 1 to 2000' })
  @Max(MAX_FEED_PAGE, { message: 'limit must be a whole number from 1 to 2000' })
  limit?: number;
}
