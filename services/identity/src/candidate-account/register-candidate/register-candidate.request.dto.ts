import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, Length, MaxLength } from 'class-validator';
import { Trim } from '#libs/platform';

export class RegisterCandidateRequest {
  @ApiProperty({ example: 'C40192837', description: 'From the Confirmation of Entry', minLength: 1, maxLength: 50, pattern: '\\S' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  idNumber!: string;

  @ApiProperty({ example: 'K7PQ2XW9MR', description: 'From the Confirmation of Entry', minLength: 1, maxLength: 100, pattern: '\\S' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  secretNumber!: string;

  @ApiProperty({ example: 'hanako@example.com', format: 'email', maxLength: 320 })
  @Trim()
  @IsString()
  @MaxLength(320)
  @IsEmail({}, { message: 'email must be a valid e-mail address' })
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 200, description: 'Your own password (not the Secret Number)' })
  @IsString()
  @Length(10, 200, { message: 'password must be 10 to 200 characters long' })
  password!: string;
}
