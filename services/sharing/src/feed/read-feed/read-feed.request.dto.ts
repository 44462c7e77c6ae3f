import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export class ReadFeedRequest {
  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page; omit to start from the beginning.', example: '42', pattern: '^[0-9]{1,15}$' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,15}$/, { message: 'after must be a cursor returned as nextCursor' })
  after?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(500)
  limit?: number;
}
