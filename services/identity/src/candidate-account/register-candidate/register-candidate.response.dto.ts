import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';

export class RegisteredCandidateResponse implements Http.RegisteredCandidate {
  @ApiProperty({ format: 'uuid' })
  candidateId!: string;
}
