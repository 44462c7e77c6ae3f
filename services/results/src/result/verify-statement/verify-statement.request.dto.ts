import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsString, Length } from 'class-validator';
import { dayPattern, EARLIEST_BIRTH, IsPlausibleDateOfBirth } from '../../plausible-dates.js';

/** One statement to check (also each item of a bulk check). */
export class VerifyStatementRequest {
  @ApiProperty({ example: 'K7PQ-2XW9-MRAB', minLength: 1, maxLength: 64, description: 'As printed on the statement; case, spaces and hyphens do not matter' })
  @IsString()
  @Length(1, 64)
  code!: string;

  @ApiProperty({
    example: '2001-04-02',
    format: 'date',
    pattern: dayPattern(1900),
    description: `The candidate's date of birth, YYYY-MM-DD, from ${EARLIEST_BIRTH} to today`,
  })
  @IsString()
  @Length(10, 10, { message: 'dateOfBirth must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a date written YYYY-MM-DD' })
  @IsPlausibleDateOfBirth()
  dateOfBirth!: string;
}
