import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Length, MaxLength, ValidateIf } from 'class-validator';
import { Trim } from '#libs/platform';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../organisation/organisation.events.js';

/** An optional field may be left out, but not sent as null (IsOptional would let null through). */
const absentOrChecked = (_: object, value: unknown): boolean => value !== undefined;

export class AcceptInvitationRequest {
  @ApiProperty({ example: 'Keiko Tanaka', description: "The name of the person creating the organisation's account.", minLength: 1, maxLength: 200, pattern: '\\S' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  contactName!: string;

  @ApiProperty({ minLength: 10, maxLength: 200, description: "The first user's password (log in with the invited e-mail address)." })
  @IsString()
  @Length(10, 200, { message: 'password must be 10 to 200 characters long' })
  password!: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS, default: 'education' })
  @ValidateIf(absentOrChecked)
  @IsIn(ORGANISATION_KINDS, { message: `kind must be one of: ${ORGANISATION_KINDS.join(', ')}` })
  kind?: OrganisationKind;

  @ApiPropertyOptional({ example: 'Japan', default: 'Unknown', minLength: 1, maxLength: 100, pattern: '\\S' })
  @ValidateIf(absentOrChecked)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  country?: string;
}
