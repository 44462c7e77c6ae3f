import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';

export class MyResultComponent {
  @ApiProperty({ example: 'Reading' })
  skill!: string;

  @ApiProperty({ type: 'integer', example: 170 })
  score!: number;
}

export class MyResult implements Http.MyResult {
  @ApiProperty({ format: 'uuid' })
  resultId!: string;

  @ApiProperty({ example: 'Certificate in Advanced English' })
  qualification!: string;

  @ApiProperty({ example: 'Council of Europe Level B2' })
  cefrLevel!: string;

  @ApiProperty({ type: 'integer', example: 168 })
  overallScore!: number;

  @ApiProperty({ example: 'C' })
  grade!: string;

  @ApiProperty({ type: [MyResultComponent] })
  components!: MyResultComponent[];

  @ApiProperty({ format: 'date', example: '2026-06-14' })
  examDate!: string;

  @ApiProperty({ format: 'date-time' })
  releasedAt!: string;

  @ApiProperty({ type: [String], example: [], description: 'e.g. "no-immigration": not to be sent to immigration authorities' })
  restrictions!: string[];

  @ApiProperty({ example: 'K7PQ-2XW9-MRAB', description: 'Printed on the Statement of Results' })
  verificationCode!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When the exam centre last amended the result (the details above are the current version); null if never' })
  amendedAt!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'When the exam centre withdrew the result (it can no longer be sent, its statement is not issued); null if not withdrawn' })
  withdrawnAt!: string | null;
}

export class MyResultsResponse implements Http.MyResults {
  @ApiProperty({ type: [MyResult], description: 'Released results, newest exam first' })
  items!: MyResult[];
}

/** Each listed result feeds its statement. */
export const myResultLinks = {
  DownloadStatement: {
    operationId: 'downloadStatement',
    parameters: { resultId: '$response.body#/items/0/resultId' },
    description: 'The Statement of Results of the first listed result.',
  },
};
