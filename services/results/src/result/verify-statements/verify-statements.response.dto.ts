import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';
import { StatementVerificationResponse } from '../verify-statement/verify-statement.response.dto.js';

/** One answer per item, in the order sent. */
export class BulkVerificationResponse implements Http.BulkVerification {
  @ApiProperty({ type: [StatementVerificationResponse] })
  items!: StatementVerificationResponse[];
}
