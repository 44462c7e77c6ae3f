import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import type { TokenPair } from '../../security/sessions.js';
import { RefreshCommand } from './refresh.command.js';
import { RefreshRequest } from './refresh.request.dto.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class RefreshHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshRequest): Promise<TokenPair> {
    return this.commands.execute(new RefreshCommand(body.refreshToken));
  }
}
