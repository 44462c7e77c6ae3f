import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';
import { ComponentScore } from '../publish-result/publish-result.request.dto.js';

/** The fields one amendment changed, with their new values. */
export class ResultChangesResponse {
  @ApiPropertyOptional({ type: 'integer', example: 172 })
  overallScore?: number;

  @ApiPropertyOptional({ example: 'B' })
  grade?: string;

  @ApiPropertyOptional({ example: 'Council of Europe Level C1' })
  cefrLevel?: string;

  @ApiPropertyOptional({ type: [ComponentScore] })
  components?: ComponentScore[];
}

export class AmendmentResponse {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ example: 'Re-mark of the Writing paper on appeal' })
  reason!: string;

  @ApiProperty({ type: ResultChangesResponse, description: 'Only the fields that changed' })
  changes!: ResultChangesResponse;
}

/** A result as it now is, with its amendments (oldest first) and its withdrawal. */
export class CurrentResultResponse implements Http.CurrentResult {
  @ApiProperty({ format: 'uuid' })
  resultId!: string;

  @ApiProperty({ example: 'C40192837' })
  idNumber!: string;

  @ApiProperty({ example: 'Certificate in Advanced English' })
  qualification!: string;

  @ApiProperty({ example: 'Council of Europe Level B2' })
  cefrLevel!: string;

  @ApiProperty({ type: 'integer', example: 168 })
  overallScore!: number;

  @ApiProperty({ example: 'C' })
  grade!: string;

  @ApiProperty({ type: [ComponentScore] })
  components!: ComponentScore[];

  @ApiProperty({ format: 'date', example: '2026-06-14' })
  examDate!: string;

  @ApiProperty({ example: 'K7PQ-2XW9-MRAB', description: 'Printed on the Statement of Results; unchanged by amendments' })
  verificationCode!: string;

  @ApiProperty({ type: [AmendmentResponse], description: 'Oldest first' })
  amendments!: AmendmentResponse[];

  // Written out rather than a $ref: OpenAPI 3.0 lets `nullable` widen only a schema's own type, not a referenced one.
  @ApiProperty({
    type: 'object',
    nullable: true,
    required: ['at', 'reason'],
    properties: { at: { type: 'string', format: 'date-time' }, reason: { type: 'string', example: 'Candidate malpractice confirmed' } },
    description: 'Set once the exam centre withdrew the result; null until then',
  })
  withdrawal!: Http.CurrentResult['withdrawal'];
}
