import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';
import { INBOX_STATUSES } from '../../projections/shares.read-model.js';
import { ResultAmendmentDto, ShareTimelineEntryDto, ShareWithdrawalDto } from '../share-life.response.dto.js';
import { ShareRecipient } from '../share-recipient.response.dto.js';

export class SharedCandidate {
  @ApiProperty({ example: 'Hanako Yamada' })
  name!: string;

  @ApiProperty({ format: 'date', example: '2001-04-02' })
  dateOfBirth!: string;

  @ApiProperty({ example: 'C40192837' })
  idNumber!: string;
}

export class SharedComponent {
  @ApiProperty({ example: 'Reading' })
  skill!: string;

  @ApiProperty({ type: 'integer', example: 170 })
  score!: number;
}

export class SharedResult {
  @ApiProperty()
  qualification!: string;

  @ApiProperty()
  cefrLevel!: string;

  @ApiProperty({ type: 'integer' })
  overallScore!: number;

  @ApiProperty()
  grade!: string;

  @ApiProperty({ type: [SharedComponent] })
  components!: SharedComponent[];

  @ApiProperty({ format: 'date' })
  examDate!: string;

  @ApiProperty({ description: 'Check it with GET /api/v1/verification/{code}' })
  verificationCode!: string;
}

export class OpenedShareResponse implements Http.OpenedShare {
  @ApiProperty({ format: 'uuid' })
  shareId!: string;

  @ApiProperty({ enum: INBOX_STATUSES, description: '"read" from the first opening on; "withdrawn" shows no candidate or result' })
  status!: Http.InboxStatus;

  @ApiProperty({ format: 'date-time' })
  sharedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt!: string | null;

  @ApiProperty({ type: ShareRecipient })
  recipient!: ShareRecipient;

  @ApiPropertyOptional({ type: SharedCandidate, description: 'Absent once withdrawn' })
  candidate?: SharedCandidate;

  @ApiPropertyOptional({ type: SharedResult, description: 'The current version, after any amendments; absent once withdrawn' })
  result?: SharedResult;

  @ApiProperty({ type: [ResultAmendmentDto], description: 'Oldest first; empty when the result was never amended (or the share was withdrawn)' })
  amendments!: ResultAmendmentDto[];

  @ApiPropertyOptional({ type: ShareWithdrawalDto, description: 'Set once withdrawn' })
  withdrawal?: ShareWithdrawalDto;

  @ApiProperty({ type: [ShareTimelineEntryDto], description: 'Oldest first' })
  timeline!: ShareTimelineEntryDto[];
}

export const verifyLink = {
  VerifyResult: {
    operationId: 'verifyResult',
    parameters: { code: '$response.body#/result/verificationCode' },
    description: 'The organisation checks the statement behind the share.',
  },
};
