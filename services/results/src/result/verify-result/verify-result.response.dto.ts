import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';

export class VerifiedCandidate {
  @ApiProperty({ example: 'Hanako Yamada' })
  name!: string;

  @ApiProperty({ format: 'date', example: '2001-04-02' })
  dateOfBirth!: string;

  @ApiProperty({ example: 'C40192837' })
  idNumber!: string;
}

export class VerifiedComponent {
  @ApiProperty({ example: 'Reading' })
  skill!: string;

  @ApiProperty({ type: 'integer', example: 170 })
  score!: number;
}

/** A genuine Statement of Results, as issued. */
export class VerifiedResultResponse implements Http.VerifiedResult {
  @ApiProperty({ example: 'K7PQ-2XW9-MRAB' })
  verificationCode!: string;

  @ApiProperty({ type: VerifiedCandidate })
  candidate!: VerifiedCandidate;

  @ApiProperty()
  qualification!: string;

  @ApiProperty()
  cefrLevel!: string;

  @ApiProperty({ type: 'integer' })
  overallScore!: number;

  @ApiProperty()
  grade!: string;

  @ApiProperty({ type: [VerifiedComponent] })
  components!: VerifiedComponent[];

  @ApiProperty({ format: 'date' })
  examDate!: string;
}
