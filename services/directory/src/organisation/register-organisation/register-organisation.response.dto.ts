import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';

export class RegisteredRecipient {
  @ApiProperty({ format: 'uuid' })
  recipientId!: string;

  @ApiProperty({ type: String, nullable: true, description: 'null for the main account (no accounts given)' })
  department!: string | null;
}

export class RegisteredOrganisationResponse implements Http.RegisteredOrganisation {
  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ type: [RegisteredRecipient], description: 'One per account given, in order' })
  recipients!: RegisteredRecipient[];
}

export const organisationLinks = {
  SendResult: {
    operationId: 'sendResult',
    requestBody: { recipientId: '$response.body#/recipients/0/recipientId', consent: true },
    description: 'A candidate sends a result to the first account.',
  },
};
