import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class SearchDirectoryRequest {
  @ApiProperty({ example: 'Wase', description: 'The shortest part of a name, as the candidate types it.', minLength: 1, maxLength: 100 })
  @IsString({ message: 'q is required: the part of the name to look for' })
  @Length(1, 100, { message: 'q must be 1 to 100 characters long' })
  q!: string;

  @ApiPropertyOptional({ type: 'integer', default: 10, minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 50' })
  @Min(1, { message: 'limit must be a whole number from 1 to 50' })
  @Max(50, { message: 'limit must be a whole number from 1 to 50' })
  limit?: number;
}
