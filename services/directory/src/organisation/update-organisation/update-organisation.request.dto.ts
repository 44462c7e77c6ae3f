import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import type * as Http from '#libs/contracts';
import { Trim } from '#libs/platform';
import { ORGANISATION_KINDS, type OrganisationKind } from '../organisation.events.js';

/** An optional field may be left out, but not sent as null (IsOptional would let null through). */
const absentOrChecked = (_: object, value: unknown): boolean => value !== undefined;

/** The fields the operator may edit; at least one (checked by the controller). Each as register-organisation checks it. */
export const EDITABLE_FIELDS = ['name', 'kind', 'country', 'website', 'aliases'] as const;

export class UpdateOrganisationRequest implements Http.UpdateOrganisationBody {
  @ApiPropertyOptional({ example: 'Waseda University', minLength: 1, maxLength: 300, pattern: '\\S' })
  @ValidateIf(absentOrChecked)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @ValidateIf(absentOrChecked)
  @IsIn(ORGANISATION_KINDS, { message: `kind must be one of: ${ORGANISATION_KINDS.join(', ')}` })
  kind?: OrganisationKind;

  @ApiPropertyOptional({ example: 'Japan', minLength: 1, maxLength: 100, pattern: '\\S' })
  @ValidateIf(absentOrChecked)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  country?: string;

  @ApiPropertyOptional({ example: 'https://www.waseda.jp/', format: 'uri', maxLength: 500, description: 'http or https, with a top-level domain' })
  @ValidateIf(absentOrChecked)
  @Trim()
  @IsString()
  @MaxLength(500)
  @IsUrl({ protocols: ['http', 'https'], require_tld: true }, { message: 'website must be a web address, e.g. https://www.example.ac.jp/' })
  website?: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', minLength: 1, maxLength: 300, pattern: '\\S' },
    example: ['早稲田大学', 'Waseda Daigaku'],
    description: 'Other names search should also find: the whole list (replaces the one before; [] for none).',
    maxItems: 50,
  })
  @ValidateIf(absentOrChecked)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: 'aliases must not be empty' })
  @Matches(/\S/, { each: true, message: 'aliases must not be blank' })
  @MaxLength(300, { each: true })
  aliases?: string[];
}
