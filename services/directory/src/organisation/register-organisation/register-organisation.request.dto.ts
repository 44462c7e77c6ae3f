import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUrl,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Trim } from '#libs/platform';
import { ORGANISATION_KINDS, type OrganisationKind } from '../organisation.events.js';

/** An optional field may be left out, but not sent as null (IsOptional would let null through). */
const absentOrChecked = (_: object, value: unknown): boolean => value !== undefined;

export class AccountRequest {
  @ApiProperty({ example: 'Faculty of Science and Engineering', minLength: 1, maxLength: 300, pattern: '\\S' })
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'each account needs a department name' })
  @MaxLength(300)
  department!: string;
}

export class RegisterOrganisationRequest {
  @ApiProperty({ example: 'Waseda University', minLength: 1, maxLength: 300, pattern: '\\S' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS })
  @IsIn(ORGANISATION_KINDS, { message: `kind must be one of: ${ORGANISATION_KINDS.join(', ')}` })
  kind!: OrganisationKind;

  @ApiProperty({ example: 'Japan', minLength: 1, maxLength: 100, pattern: '\\S' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  country!: string;

  @ApiProperty({ example: 'https://www.waseda.jp/', format: 'uri', maxLength: 500, description: 'http or https, with a top-level domain' })
  @Trim()
  @IsString()
  @MaxLength(500)
  @IsUrl({ protocols: ['http', 'https'], require_tld: true }, { message: 'website must be a web address, e.g. https://www.example.ac.jp/' })
  website!: string;

  @ApiProperty({ example: 'admissions@example.ac.jp', description: "The organisation's first user logs in with it.", format: 'email', maxLength: 320 })
  @Trim()
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email!: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', minLength: 1, maxLength: 300 }, example: ['Waseda Daigaku'], description: 'Other names search should also find.', maxItems: 50 })
  @ValidateIf(absentOrChecked)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true, message: 'aliases must not be empty' })
  @MaxLength(300, { each: true })
  aliases?: string[];

  @ApiPropertyOptional({ type: [AccountRequest], description: 'One recipient account per entry; none: one main account.', maxItems: 500 })
  @ValidateIf(absentOrChecked)
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AccountRequest)
  accounts?: AccountRequest[];
}
