import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';

export class PublishedResultResponse implements Http.PublishedResult {
  @ApiProperty({ format: 'uuid' })
  resultId!: string;
}

/** The result id feeds the candidate's statement and share. */
export const resultLinks = {
  DownloadStatement: {
    operationId: 'downloadStatement',
    parameters: { resultId: '$response.body#/resultId' },
    description: 'The candidate downloads the Statement of Results (once released).',
  },
  SendResult: {
    operationId: 'sendResult',
    requestBody: { resultId: '$response.body#/resultId', consent: true },
    description: 'The candidate sends the result to a recipient account.',
  },
};
