import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';

export class InvitationSentResponse implements Http.InvitationSent {
  @ApiProperty({ format: 'uuid', description: 'The same id when this website’s domain was already invited' })
  invitationId!: string;

  @ApiProperty({ description: 'true when this website’s domain already had a pending invitation: no second e-mail was sent' })
  alreadyInvited!: boolean;
}
