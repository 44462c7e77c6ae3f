import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';
import { SHARE_STATUSES } from '../../projections/shares.read-model.js';
import { ShareRecipient } from '../share-recipient.response.dto.js';

export class InboxCandidate {
  @ApiProperty({ example: 'Hanako Yamada' })
  name!: string;

  @ApiProperty({ format: 'date', example: '2001-04-02', description: 'With the ID Number, tells two candidates of one name apart' })
  dateOfBirth!: string;

  @ApiProperty({ example: 'C40192837' })
  idNumber!: string;
}

export class InboxItem {
  @ApiProperty({ format: 'uuid' })
  shareId!: string;

  @ApiProperty({ format: 'uuid' })
  resultId!: string;

  @ApiProperty({ type: ShareRecipient })
  recipient!: ShareRecipient;

  @ApiProperty({ type: InboxCandidate })
  candidate!: InboxCandidate;

  @ApiProperty()
  qualification!: string;

  @ApiProperty()
  cefrLevel!: string;

  @ApiProperty({ format: 'date-time' })
  sharedAt!: string;

  @ApiProperty({ enum: SHARE_STATUSES })
  status!: Http.ShareStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt!: string | null;
}

export class InboxResponse implements Http.Inbox {
  @ApiProperty({ type: [InboxItem], description: 'Unread first, then newest' })
  items!: InboxItem[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor`, with the same filters, for the next page; null on the last page' })
  nextCursor!: string | null;
}

export const nextInboxPageLink = {
  NextInboxPage: { operationId: 'listInbox', parameters: { cursor: '$response.body#/nextCursor' }, description: 'The next page of the inbox (with the same filters).' },
};
