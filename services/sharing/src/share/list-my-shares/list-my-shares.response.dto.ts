import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';
import { SHARE_STATUSES } from '../../projections/shares.read-model.js';
import { ShareTimelineEntryDto, ShareWithdrawalDto } from '../share-life.response.dto.js';
import { ShareRecipient } from '../share-recipient.response.dto.js';

export class MyShare implements Http.MyShare {
  @ApiProperty({ format: 'uuid' })
  shareId!: string;

  @ApiProperty({ format: 'uuid' })
  resultId!: string;

  @ApiProperty({ type: ShareRecipient, description: 'For a pending share: the invited organisation’s name and the account it will have.' })
  recipient!: ShareRecipient;

  @ApiProperty({ format: 'date-time', description: 'When it was sent; for a pending or lapsed share, when the candidate asked for it to be sent.' })
  sharedAt!: string;

  @ApiProperty({ enum: SHARE_STATUSES, description: '`pending` waits for an invited organisation to join; `lapsed` when its invitation expired first.' })
  status!: Http.ShareStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null until the organisation opens it' })
  readAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The last amendment of the result, if any' })
  amendedAt!: string | null;

  @ApiProperty({ type: [ShareTimelineEntryDto], description: 'Oldest first' })
  timeline!: ShareTimelineEntryDto[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Set for a share that waits or waited for an invited organisation' })
  invitationId?: string;

  @ApiPropertyOptional({ type: ShareWithdrawalDto })
  withdrawal?: ShareWithdrawalDto;
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
