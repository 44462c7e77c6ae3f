import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';
import { SHARE_STATUSES } from '../../projections/shares.read-model.js';

export class SentShareResponse implements Http.SentShare {
  @ApiProperty({ format: 'uuid', description: 'The same for the same result and account' })
  shareId!: string;

  @ApiProperty({ enum: SHARE_STATUSES, description: '"unread" when just sent; a repeat shows the share as it is now' })
  status!: Http.ShareStatus;

  @ApiProperty({ format: 'date-time' })
  sharedAt!: string;
}
