import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { accountKeyOf } from '../../security/accounts.js';
import type { TokenPair } from '../../security/sessions.js';
import { LoginCommand } from './login.command.js';
import { LoginRequest } from './login.request.dto.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class LoginHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginRequest): Promise<TokenPair> {
    return this.commands.execute(new LoginCommand(accountKeyOf(body), body.password));
  }
}
