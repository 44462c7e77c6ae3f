import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { Trim } from '#libs/platform';

/** An optional field may be left out, but not sent as null (IsOptional would let null through). */
const absentOrChecked = (_: object, value: unknown): boolean => value !== undefined;

/** Who an account is: candidates by ID Number, organisation users and staff by e-mail (exactly one of the two), trimmed. */
export class AccountIdentifierRequest {
  @ApiPropertyOptional({ example: 'C40192837', description: 'Candidates; give this or email', minLength: 1, maxLength: 50, pattern: '\\S' })
  @ValidateIf(absentOrChecked)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  idNumber?: string;

  @ApiPropertyOptional({ example: 'admissions@example.ac.uk', description: 'Organisation users and staff; give this or idNumber', format: 'email', maxLength: 320 })
  @ValidateIf(absentOrChecked)
  @Trim()
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  email?: string;
}
