import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import type { TokenPair } from '../../security/sessions.js';
import { RefreshCommand } from './refresh.command.js';
import { refreshLink, TokenPairResponse } from '../token-pair.response.dto.js';
import { RefreshRequest } from './refresh.request.dto.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class RefreshHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @ApiOperation({ operationId: 'refresh', summary: 'A new token pair for a refresh token; the old refresh token stops working' })
  @ApiOkResponse({ type: TokenPairResponse, links: refreshLink })
  @ApiUnauthorizedResponse({ description: 'The session has ended: signed out, expired, or the refresh token was already used.' })
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshRequest): Promise<TokenPair> {
    return this.commands.execute(new RefreshCommand(body.refreshToken));
  }
}
