import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';
import { VerifiedResultResponse } from '../verify-result/verify-result.response.dto.js';

const STATUSES: Http.VerificationStatus[] = ['genuine', 'not-found', 'withdrawn'];

/** What one statement verifies as. */
export class StatementVerificationResponse implements Http.StatementVerification {
  @ApiProperty({ example: 'K7PQ-2XW9-MRAB', description: 'The code as it was sent' })
  code!: string;

  @ApiProperty({
    enum: STATUSES,
    description: '`not-found` also when the date of birth does not match (codes cannot be enumerated); `withdrawn` once the exam centre withdrew the result',
  })
  status!: Http.VerificationStatus;

  @ApiPropertyOptional({ type: VerifiedResultResponse, description: 'Only when genuine' })
  result?: VerifiedResultResponse;
}
