import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';
import { INBOX_STATUSES } from '../../projections/shares.read-model.js';
import { ShareWithdrawalDto } from '../share-life.response.dto.js';
import { ShareRecipient } from '../share-recipient.response.dto.js';

export class InboxCandidate {
  @ApiProperty({ example: 'Hanako Yamada' })
  name!: string;

  @ApiProperty({ format: 'date', example: '2001-04-02', description: 'With the ID Number, tells two candidates of one name apart' })
  dateOfBirth!: string;

  @ApiProperty({ example: 'C40192837' })
  idNumber!: string;
}

export class InboxItem implements Http.InboxShare {
  @ApiProperty({ format: 'uuid' })
  shareId!: string;

  @ApiProperty({ format: 'uuid' })
  resultId!: string;

  @ApiProperty({ type: ShareRecipient })
  recipient!: ShareRecipient;

  @ApiPropertyOptional({ type: InboxCandidate, description: 'Absent once withdrawn' })
  candidate?: InboxCandidate;

  @ApiPropertyOptional({ description: "The current version's (after amendments); absent once withdrawn" })
  qualification?: string;

  @ApiPropertyOptional({ description: "The current version's (after amendments); absent once withdrawn" })
  cefrLevel?: string;

  @ApiProperty({ format: 'date-time' })
  sharedAt!: string;

  @ApiProperty({ enum: INBOX_STATUSES })
  status!: Http.InboxStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'The last amendment of the result, if any' })
  amendedAt!: string | null;

  @ApiPropertyOptional({ type: ShareWithdrawalDto, description: 'Set once withdrawn' })
  withdrawal?: ShareWithdrawalDto;
}

export class InboxResponse implements Http.Inbox {
  @ApiProperty({ type: [InboxItem], description: 'Unread first, then read, then withdrawn; each newest first' })
  items!: InboxItem[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor`, with the same filters, for the next page; null on the last page' })
  nextCursor!: string | null;
}

export const nextInboxPageLink = {
  NextInboxPage: { operationId: 'listInbox', parameters: { cursor: '$response.body#/nextCursor' }, description: 'The next page of the inbox (with the same filters).' },
};
