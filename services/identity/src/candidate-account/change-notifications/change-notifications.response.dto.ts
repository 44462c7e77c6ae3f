import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';

/** A candidate's opt-in e-mails. */
export class NotificationSettingsResponse implements Http.NotificationSettings {
  @ApiProperty({ description: 'An e-mail when an organisation opens a result the candidate sent it', example: true })
  shareOpened!: boolean;

  @ApiProperty({ description: 'An e-mail when the exam centre amends one of the candidate’s results', example: false })
  resultAmended!: boolean;
}
