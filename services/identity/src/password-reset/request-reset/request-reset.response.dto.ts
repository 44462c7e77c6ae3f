import { ApiProperty } from '@nestjs/swagger';
import type * as Http from '#libs/contracts';
import { RESET_REQUESTED } from './request-reset.command.js';

/** The same answer whether or not the account exists. */
export class ResetRequestedResponse implements Http.PasswordResetRequested {
  @ApiProperty({ enum: [RESET_REQUESTED.message] })
  message!: string;
}
