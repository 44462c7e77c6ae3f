import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';

export class InvitationPreviewResponse implements Http.InvitationPreview {
  @ApiProperty({ example: 'Example Academy of Languages', description: 'The name the candidate gave' })
  organisationName!: string;

  @ApiProperty({ example: 'admissions@example.ac.jp', format: 'email', description: 'The invited address: the first user of the account' })
  email!: string;

  @ApiProperty({ format: 'date-time', description: 'The link works until then' })
  expiresAt!: string;
}
