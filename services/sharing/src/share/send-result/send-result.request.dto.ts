import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CONSENT_MESSAGE } from '../share.errors.js';

export class SendResultRequest {
  @ApiProperty({ example: '3f0c9a52-1d7e-4b8e-9a57-2f4a1c8e6b10', minLength: 1, maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  resultId!: string;

  @ApiProperty({ example: '8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', description: 'A recipient account from the directory search.', minLength: 1, maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  recipientId!: string;

  @ApiProperty({ enum: [true], description: 'The candidate consents to sharing the result details with the recipient.' })
  @Equals(true, { message: CONSENT_MESSAGE })
  consent!: true;
}
