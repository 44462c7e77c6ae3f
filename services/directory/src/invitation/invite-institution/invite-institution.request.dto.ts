import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, IsUrl, MaxLength } from 'class-validator';
import { Trim } from '#libs/platform';

export class InviteInstitutionRequest {
  @ApiProperty({ example: 'Example Academy of Languages', minLength: 1, maxLength: 300, pattern: '\\S' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  organisationName!: string;

  @ApiProperty({ example: 'admissions@example.ac.jp', format: 'email', maxLength: 320 })
  @Trim()
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email!: string;

  @ApiProperty({ example: 'https://www.example.ac.jp/', format: 'uri', maxLength: 500, description: 'http or https, with a top-level domain' })
  @Trim()
  @IsString()
  @MaxLength(500)
  @IsUrl({ protocols: ['http', 'https'], require_tld: true }, { message: 'website must be a web address, e.g. https://www.example.ac.jp/' })
  website!: string;
}
