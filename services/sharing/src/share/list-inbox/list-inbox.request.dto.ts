import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { INBOX_STATUSES, type InboxStatus } from '../../projections/shares.read-model.js';
import { PageRequestDto } from '../paging/page.request.dto.js';

/** The inbox's and the export's filters. */
export class InboxFiltersRequest {
  @ApiPropertyOptional({ enum: INBOX_STATUSES, description: 'A withdrawn share is listed without its candidate or result.' })
  @IsOptional()
  @IsIn(INBOX_STATUSES, { message: `status must be one of: ${INBOX_STATUSES.join(', ')}` })
  status?: InboxStatus;

  @ApiPropertyOptional({ description: "Only this recipient account's shares (one of the organisation's accounts).", minLength: 1, maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  recipientId?: string;

  @ApiPropertyOptional({ description: 'Shared on or after: a date (YYYY-MM-DD, from the start of that day in UTC) or a date-time with a time zone.', example: '2026-09-01', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  from?: string;

  @ApiPropertyOptional({ description: 'Shared on or before: a date (YYYY-MM-DD, to the end of that day in UTC) or a date-time with a time zone.', example: '2026-09-30', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  to?: string;
}

export class ListInboxRequest extends IntersectionType(InboxFiltersRequest, PageRequestDto) {
  @ApiPropertyOptional({ description: "Part of the candidate's name (any case, accents ignored) or their ID Number.", minLength: 1, maxLength: 100, example: 'Yamada' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  q?: string;
}
