import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsString, Length, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import type * as Http from '#libs/contracts';
import { Trim } from '#libs/platform';
import { ComponentScore } from '../publish-result/publish-result.request.dto.js';

/** An optional field may be left out, but not sent as null (IsOptional would let null through). */
const absentOrChecked = (_: object, value: unknown): boolean => value !== undefined;

/** The reason and the fields to change, each checked as publishing checks it; at least one must differ from the current value. */
export class AmendResultRequest implements Http.AmendResultBody {
  @ApiProperty({ example: 'Re-mark of the Writing paper on appeal', minLength: 1, maxLength: 1000, pattern: '\\S', description: 'Why, as organisations holding the result will read it' })
  @Trim()
  @IsString()
  @Length(1, 1000, { message: 'reason must be 1 to 1000 characters long' })
  reason!: string;

  @ApiPropertyOptional({ example: 172, type: 'integer', minimum: 0, maximum: 1000 })
  @ValidateIf(absentOrChecked)
  @IsInt()
  @Min(0)
  @Max(1000)
  overallScore?: number;

  @ApiPropertyOptional({ example: 'B', minLength: 1, maxLength: 50 })
  @ValidateIf(absentOrChecked)
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  grade?: string;

  @ApiPropertyOptional({ example: 'Council of Europe Level C1', minLength: 1, maxLength: 100 })
  @ValidateIf(absentOrChecked)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  cefrLevel?: string;

  @ApiPropertyOptional({ type: [ComponentScore], minItems: 1, maxItems: 20, description: 'The whole new list of scores by skill (each skill once)' })
  @ValidateIf(absentOrChecked)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ComponentScore)
  components?: ComponentScore[];
}
