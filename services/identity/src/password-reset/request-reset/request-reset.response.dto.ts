import { ApiProperty } from '@nestjs/swagger';
import { RESET_REQUESTED } from './request-reset.command.js';

/** The same answer whether or not the account exists. */
export class ResetRequestedResponse {
  @ApiProperty({ enum: [RESET_REQUESTED.message] })
  message!: string;
}
