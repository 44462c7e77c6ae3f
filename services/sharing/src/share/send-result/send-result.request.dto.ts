import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsDefined, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { CONSENT_MESSAGE } from '../share.errors.js';

export const TARGET_MESSAGE = 'Give either recipientId (an account from the directory) or invitationId (an organisation you invited), not both.';

/** To a recipient account (`recipientId`) or to an organisation the candidate invited (`invitationId`): exactly one. */
export class SendResultRequest {
  @ApiProperty({ example: '3f0c9a52-1d7e-4b8e-9a57-2f4a1c8e6b10', minLength: 1, maxLength: 100 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  resultId!: string;

  @ApiPropertyOptional({
    example: '8a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    description: 'A recipient account from the directory search (or give `invitationId`).',
    minLength: 1,
    maxLength: 100,
  })
  @ValidateIf((o: SendResultRequest) => o.invitationId === undefined)
  @IsDefined({ message: TARGET_MESSAGE })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  recipientId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An organisation the candidate invited (from inviting it): the share waits (202, `pending`) until it joins, and lapses if the invitation expires.',
  })
  @ValidateIf((o: SendResultRequest) => o.invitationId !== undefined)
  @IsUUID('all', { message: 'invitationId must be the id of an invitation (a UUID).' })
  invitationId?: string;

  @ApiProperty({ enum: [true], description: 'The candidate consents to sharing the result details with the recipient.' })
  @Equals(true, { message: CONSENT_MESSAGE })
  consent!: true;
}
