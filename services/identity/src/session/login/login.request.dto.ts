import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AccountIdentifierRequest } from '../../security/account-identifier.request.dto.js';

/** Candidates log in with their ID Number, organisation users and the operator with their e-mail. */
export class LoginRequest extends AccountIdentifierRequest {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}
