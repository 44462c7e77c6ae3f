import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type * as Http from '#libs/contracts';
import { Trim } from '#libs/platform';

export class WithdrawResultRequest implements Http.WithdrawResultBody {
  @ApiProperty({ example: 'Candidate malpractice confirmed', minLength: 1, maxLength: 1000, pattern: '\\S', description: 'Why, as organisations holding the result will read it' })
  @Trim()
  @IsString()
  @Length(1, 1000, { message: 'reason must be 1 to 1000 characters long' })
  reason!: string;
}
