import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DATE_TIME, dayPattern, EARLIEST_EXAM, IsPlausibleExamDate, IsPlausibleReleaseTime, RELEASE_YEARS_AHEAD, releaseAtPattern } from '../../plausible-dates.js';
import { KNOWN_RESTRICTIONS, type Restriction } from '../result.events.js';

/** An optional field may be left out, but not sent as null (IsOptional would let null through). */
const absentOrChecked = (_: object, value: unknown): boolean => value !== undefined;

export class ComponentScore {
  @ApiProperty({ example: 'Reading', minLength: 1, maxLength: 50, description: 'Each skill once' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  skill!: string;

  @ApiProperty({ example: 170, type: 'integer', minimum: 0, maximum: 1000 })
  @IsInt()
  @Min(0)
  @Max(1000)
  score!: number;
}

export class PublishResultRequest {
  @ApiProperty({ example: 'C40192837', minLength: 1, maxLength: 50, description: 'The entry’s ID Number' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  idNumber!: string;

  @ApiProperty({ example: 'Certificate in Advanced English', minLength: 1, maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  qualification!: string;

  @ApiProperty({ example: 'Council of Europe Level B2', minLength: 1, maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  cefrLevel!: string;

  @ApiProperty({ example: 168, type: 'integer', minimum: 0, maximum: 1000 })
  @IsInt()
  @Min(0)
  @Max(1000)
  overallScore!: number;

  @ApiProperty({ example: 'C', minLength: 1, maxLength: 50 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  grade!: string;

  @ApiProperty({ type: [ComponentScore], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ComponentScore)
  components!: ComponentScore[];

  @ApiProperty({
    example: '2026-06-14',
    format: 'date',
    pattern: dayPattern(1950),
    description: `YYYY-MM-DD, from ${EARLIEST_EXAM} to today (one day ahead allowed for time zones)`,
  })
  @IsString()
  @Length(10, 10, { message: 'examDate must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'examDate must be a date written YYYY-MM-DD' })
  @IsPlausibleExamDate()
  examDate!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    pattern: releaseAtPattern(),
    example: '2026-07-01T09:00:00Z',
    description: `RFC 3339 date and time with its offset, at most ${RELEASE_YEARS_AHEAD} years ahead; the candidate sees the result from then on. Default: now.`,
  })
  @ValidateIf(absentOrChecked)
  @IsString()
  @IsISO8601({ strict: true }, { message: 'releaseAt must be an ISO 8601 date and time' })
  @Matches(DATE_TIME, { message: 'releaseAt must be a date and time with its offset, e.g. 2026-07-01T09:00:00Z' })
  @IsPlausibleReleaseTime()
  releaseAt?: string;

  @ApiPropertyOptional({ enum: KNOWN_RESTRICTIONS, isArray: true, maxItems: 10 })
  @ValidateIf(absentOrChecked)
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(KNOWN_RESTRICTIONS, { each: true, message: `each restriction must be one of: ${KNOWN_RESTRICTIONS.join(', ')}` })
  restrictions?: Restriction[];
}
