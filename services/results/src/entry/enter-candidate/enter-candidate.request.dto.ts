import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, Length, MaxLength } from 'class-validator';
import { dayPattern, EARLIEST_BIRTH, IsPlausibleDateOfBirth } from '../../plausible-dates.js';

export class EnterCandidateRequest {
  @ApiProperty({ example: 'Hanako Yamada', minLength: 1, maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    example: '2001-04-02',
    format: 'date',
    pattern: dayPattern(1900),
    description: `YYYY-MM-DD, from ${EARLIEST_BIRTH} to today (one day ahead allowed for time zones)`,
  })
  @IsString()
  @Length(10, 10, { message: 'dateOfBirth must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a date written YYYY-MM-DD' })
  @IsPlausibleDateOfBirth()
  dateOfBirth!: string;

  @ApiProperty({ example: 'C1 Advanced', minLength: 1, maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  exam!: string;

  @ApiProperty({ example: 'JP001 Tokyo', minLength: 1, maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  centre!: string;
}
