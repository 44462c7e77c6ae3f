import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { accountKeyOf } from '../../security/accounts.js';
import { RequestResetCommand, type RESET_REQUESTED } from './request-reset.command.js';
import { RequestResetRequest } from './request-reset.request.dto.js';

@ApiTags('auth')
@Controller('api/v1/auth/password-reset')
export class RequestResetHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @Post()
  @HttpCode(202)
  request(@Body() body: RequestResetRequest): Promise<typeof RESET_REQUESTED> {
    return this.commands.execute(new RequestResetCommand(accountKeyOf(body)));
  }
}
