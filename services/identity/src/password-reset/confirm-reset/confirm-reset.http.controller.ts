import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { ConfirmResetCommand } from './confirm-reset.command.js';
import { ConfirmResetRequest } from './confirm-reset.request.dto.js';

@ApiTags('auth')
@Controller('api/v1/auth/password-reset')
export class ConfirmResetHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @Post('confirm')
  @HttpCode(204)
  async confirm(@Body() body: ConfirmResetRequest, @Req() req: RequestWithId): Promise<void> {
    await this.commands.execute(new ConfirmResetCommand(body.token, body.newPassword, correlationIdOf(req)));
  }
}
