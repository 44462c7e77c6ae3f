import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';
import { SHARE_STATUSES } from '../../projections/shares.read-model.js';
import { ShareRecipient } from '../share-recipient.response.dto.js';

export class MyShare {
  @ApiProperty({ format: 'uuid' })
  shareId!: string;

  @ApiProperty({ format: 'uuid' })
  resultId!: string;

  @ApiProperty({ type: ShareRecipient })
  recipient!: ShareRecipient;

  @ApiProperty({ format: 'date-time' })
  sharedAt!: string;

  @ApiProperty({ enum: SHARE_STATUSES })
  status!: Http.ShareStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null until the organisation opens it' })
  readAt!: string | null;
}

export class MySharesResponse implements Http.MyShares {
  @ApiProperty({ type: [MyShare], description: 'Newest first' })
  items!: MyShare[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

export const nextMySharesPageLink = {
  NextMySharesPage: { operationId: 'listMyShares', parameters: { cursor: '$response.body#/nextCursor' }, description: 'The next page of "Shared with".' },
};
