import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type * as Http from '#libs/contracts';
import { Trim } from '#libs/platform';

export class AddAccountRequest implements Http.AddAccountBody {
  @ApiProperty({ example: 'Graduate School of Law', minLength: 1, maxLength: 300, pattern: '\\S', description: 'Unique within the organisation (ignoring case)' })
  @Trim()
  @IsString({ message: 'department is required: the name of the new account' })
  @IsNotEmpty({ message: 'department must not be empty' })
  @MaxLength(300)
  department!: string;
}
