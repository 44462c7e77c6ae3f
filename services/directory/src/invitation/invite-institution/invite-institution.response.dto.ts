import { ApiProperty } from '@nestjs/swagger';

export class InvitationSentResponse {
  @ApiProperty({ format: 'uuid', description: 'The same id when this website’s domain was already invited' })
  invitationId!: string;
}
