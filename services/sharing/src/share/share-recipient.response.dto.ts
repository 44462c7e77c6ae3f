import { ApiProperty } from '@nestjs/swagger';

/** The recipient account a share went to, as it was when the result was sent. */
export class ShareRecipient {
  @ApiProperty({ format: 'uuid' })
  recipientId!: string;

  @ApiProperty({ example: 'Waseda University' })
  organisationName!: string;

  @ApiProperty({ type: String, nullable: true, description: "null for an organisation's main account" })
  department!: string | null;
}

export const UUID_PARAM = { type: 'string', format: 'uuid', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' };

/** A share id feeds the organisation's opening of it. */
export const openShareLink = (pointer: string) => ({
  OpenShare: {
    operationId: 'openShare',
    parameters: { shareId: `$response.body#${pointer}` },
    description: 'The recipient organisation opens the share (which marks it read).',
  },
});
