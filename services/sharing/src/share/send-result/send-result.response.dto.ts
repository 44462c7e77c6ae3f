import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';
import { SHARE_STATUSES } from '../../projections/shares.read-model.js';

export class SentShareResponse implements Http.SentShare {
  @ApiProperty({ format: 'uuid', description: 'The same for the same result and account (for an invitation: the account it will become)' })
  shareId!: string;

  @ApiProperty({ enum: SHARE_STATUSES, description: '"unread" when just sent, "pending" while it waits for an invited organisation; a repeat shows the share as it is now' })
  status!: Http.ShareStatus;

  @ApiPropertyOptional({ format: 'date-time', description: 'Absent while the share waits for an invited organisation' })
  sharedAt?: string;
}
