import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import type * as Http from '#libs/contracts';
import { Trim } from '#libs/platform';

/** An optional field may be left out, but not sent as null (IsOptional would let null through). */
const absentOrChecked = (_: object, value: unknown): boolean => value !== undefined;

export const ACCOUNT_FIELDS = ['department', 'active'] as const;

export class UpdateAccountRequest implements Http.UpdateAccountBody {
  @ApiPropertyOptional({ example: 'School of Law', minLength: 1, maxLength: 300, pattern: '\\S', description: 'A new name, unique within the organisation (ignoring case)' })
  @ValidateIf(absentOrChecked)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'department must not be empty' })
  @MaxLength(300)
  department?: string;

  @ApiPropertyOptional({ description: 'false: the account leaves search and refuses new shares (the shares it holds stay readable); true: back again' })
  @ValidateIf(absentOrChecked)
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}
