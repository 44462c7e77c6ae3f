import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { ConfirmResetCommand } from './confirm-reset.command.js';
import { ConfirmResetRequest } from './confirm-reset.request.dto.js';

@ApiTags('auth')
@Controller('api/v1/auth/password-reset')
export class ConfirmResetHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @ApiOperation({ operationId: 'confirmPasswordReset', summary: 'Sets a new password with the token from the reset e-mail' })
  @ApiNoContentResponse({ description: 'The password is changed; every session of the account has ended.' })
  @ApiBadRequestResponse({ description: 'Not valid, or the link has expired or was already used.' })
  @Post('confirm')
  @HttpCode(204)
  async confirm(@Body() body: ConfirmResetRequest, @Req() req: RequestWithId): Promise<void> {
    await this.commands.execute(new ConfirmResetCommand(body.token, body.newPassword, correlationIdOf(req)));
  }
}
