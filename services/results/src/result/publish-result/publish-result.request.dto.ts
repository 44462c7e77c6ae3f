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
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { KNOWN_RESTRICTIONS, type Restriction } from '../result.events.js';

export class ComponentScore {
  @ApiProperty({ example: 'Reading' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  skill!: string;

  @ApiProperty({ example: 170 })
  @IsInt()
  @Min(0)
  @Max(1000)
  score!: number;
}

export class PublishResultRequest {
  @ApiProperty({ example: 'C40192837' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  idNumber!: string;

  @ApiProperty({ example: 'Certificate in Advanced English' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  qualification!: string;

  @ApiProperty({ example: 'Council of Europe Level B2' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  cefrLevel!: string;

  @ApiProperty({ example: 168 })
  @IsInt()
  @Min(0)
  @Max(1000)
  overallScore!: number;

  @ApiProperty({ example: 'C' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  grade!: string;

  @ApiProperty({ type: [ComponentScore] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ComponentScore)
  components!: ComponentScore[];

  @ApiProperty({ example: '2026-06-14', description: 'YYYY-MM-DD' })
  @IsString()
  @Length(10, 10, { message: 'examDate must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'examDate must be a date written YYYY-MM-DD' })
  examDate!: string;

  @ApiPropertyOptional({ description: 'ISO 8601 time; the candidate sees the result from then on. Default: now.' })
  @IsOptional()
  @IsString()
  @IsISO8601({ strict: true }, { message: 'releaseAt must be an ISO 8601 date and time' })
  releaseAt?: string;

  @ApiPropertyOptional({ enum: KNOWN_RESTRICTIONS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(KNOWN_RESTRICTIONS, { each: true, message: `each restriction must be one of: ${KNOWN_RESTRICTIONS.join(', ')}` })
  restrictions?: Restriction[];
}
