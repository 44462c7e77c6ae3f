import { ApiProperty } from '@nestjs/swagger';

export class RegisteredCandidateResponse {
  @ApiProperty({ format: 'uuid' })
  candidateId!: string;
}
