import { ApiProperty } from '@nestjs/swagger';
import { SHARE_STATUSES } from '../../projections/shares.read-model.js';

export class SentShareResponse {
  @ApiProperty({ format: 'uuid', description: 'The same for the same result and account' })
  shareId!: string;

  @ApiProperty({ enum: SHARE_STATUSES, description: '"unread" when just sent; a repeat shows the share as it is now' })
  status!: string;

  @ApiProperty({ format: 'date-time' })
  sharedAt!: string;
}
