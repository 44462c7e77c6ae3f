import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';

export class AcceptedInvitationResponse implements Http.AcceptedInvitation {
  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ format: 'uuid', description: 'The organisation’s first recipient account' })
  recipientId!: string;
}

export const acceptedLinks = {
  SendResult: {
    operationId: 'sendResult',
    requestBody: { recipientId: '$response.body#/recipientId', consent: true },
    description: 'A candidate sends a result to the new account.',
  },
};
