import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { InboxFiltersRequest } from '../list-inbox/list-inbox.request.dto.js';

export class ExportInboxRequest extends InboxFiltersRequest {
  @ApiPropertyOptional({ enum: ['csv'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv'], { message: 'format must be csv' })
  format?: 'csv';
}
