import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';

export const TIMELINE_EVENTS: readonly Http.ShareTimelineEntry['event'][] = ['sent', 'delivered', 'read', 'withdrawn', 'amended', 'lapsed'];

/** One step of a share's life, with its time. */
export class ShareTimelineEntryDto implements Http.ShareTimelineEntry {
  @ApiProperty({ enum: TIMELINE_EVENTS, description: "sent; delivered to the organisation's system; read (opened by a person); withdrawn; amended; lapsed" })
  event!: Http.ShareTimelineEntry['event'];

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

/** Why a share was withdrawn and by whom. */
export class ShareWithdrawalDto implements Http.ShareWithdrawal {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ enum: ['candidate', 'exam-centre'], description: 'The exam centre withdraws a share by withdrawing the result.' })
  by!: 'candidate' | 'exam-centre';

  @ApiProperty({ type: String, nullable: true, description: "The exam centre's reason; null when the candidate withdrew" })
  reason!: string | null;
}

export class AmendedComponentDto {
  @ApiProperty({ example: 'Reading' })
  skill!: string;

  @ApiProperty({ type: 'integer', example: 172 })
  score!: number;
}

/** The changed fields' new values. */
export class ResultChangesDto {
  @ApiPropertyOptional({ type: 'integer' })
  overallScore?: number;

  @ApiPropertyOptional()
  grade?: string;

  @ApiPropertyOptional()
  cefrLevel?: string;

  @ApiPropertyOptional({ type: [AmendedComponentDto] })
  components?: AmendedComponentDto[];
}

/** One amendment of the result behind a share. */
export class ResultAmendmentDto implements Http.ResultAmendment {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ example: 'Re-marked on appeal' })
  reason!: string;

  @ApiProperty({ type: ResultChangesDto })
  changes!: ResultChangesDto;
}
