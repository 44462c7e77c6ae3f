import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';

export class EnteredCandidateResponse implements Http.EnteredCandidate {
  @ApiProperty({ format: 'uuid' })
  entryId!: string;

  @ApiProperty({ example: 'C40192837', description: 'Printed on the Confirmation of Entry' })
  idNumber!: string;

  @ApiProperty({ example: 'K7PQ2XW9MR', description: 'Shown once: only its hash is kept' })
  secretNumber!: string;
}

/** The entry's numbers feed the candidate's registration and the result's publication. */
export const entryLinks = {
  RegisterCandidate: {
    operationId: 'registerCandidate',
    requestBody: { idNumber: '$response.body#/idNumber', secretNumber: '$response.body#/secretNumber' },
    description: 'The candidate registers with the ID Number and Secret Number.',
  },
  PublishResult: {
    operationId: 'publishResult',
    requestBody: { idNumber: '$response.body#/idNumber' },
    description: 'The exam centre publishes a result for the entry.',
  },
};
