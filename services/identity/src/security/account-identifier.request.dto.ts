import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

/** Who an account is: candidates by ID Number, organisation users and staff by e-mail (exactly one of the two). */
export class AccountIdentifierRequest {
  @ApiPropertyOptional({ example: 'C40192837', description: 'Candidates; give this or email', minLength: 1, maxLength: 50 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  idNumber?: string;

  @ApiPropertyOptional({ example: 'admissions@example.ac.uk', description: 'Organisation users and staff; give this or idNumber', format: 'email', maxLength: 320 })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  email?: string;
}
