import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { SHARE_STATUSES, type ShareStatus } from '../../projections/shares.read-model.js';

export class ListInboxRequest {
  @ApiPropertyOptional({ enum: SHARE_STATUSES })
  @IsOptional()
  @IsIn(SHARE_STATUSES, { message: `status must be one of: ${SHARE_STATUSES.join(', ')}` })
  status?: ShareStatus;

  @ApiPropertyOptional({ description: "Only this recipient account's shares (one of the organisation's accounts).", minLength: 1, maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  recipientId?: string;
}
