import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, Length, MaxLength } from 'class-validator';

export class EnterCandidateRequest {
  @ApiProperty({ example: 'Hanako Yamada' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '2001-04-02', description: 'YYYY-MM-DD' })
  @IsString()
  @Length(10, 10, { message: 'dateOfBirth must be a date written YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'dateOfBirth must be a date written YYYY-MM-DD' })
  dateOfBirth!: string;

  @ApiProperty({ example: 'C1 Advanced' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  exam!: string;

  @ApiProperty({ example: 'JP001 Tokyo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  centre!: string;
}
