import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse, getSchemaPath } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { accountKeyOf } from '../../security/accounts.js';
import type { TokenPair } from '../../security/sessions.js';
import { LoginCommand } from './login.command.js';
import { refreshLink, TokenPairResponse } from '../token-pair.response.dto.js';
import { LoginRequest } from './login.request.dto.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class LoginHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @ApiOperation({ operationId: 'login', summary: 'Candidates log in with idNumber, organisation users and staff with email' })
  @ApiExtraModels(LoginRequest)
  @ApiBody({ schema: { allOf: [{ $ref: getSchemaPath(LoginRequest) }], oneOf: [{ required: ['idNumber'] }, { required: ['email'] }] } })
  @ApiOkResponse({ type: TokenPairResponse, links: refreshLink })
  @ApiUnauthorizedResponse({ description: 'Wrong identifier or password (without saying which).' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed log-ins for this account (or requests from this address).' })
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginRequest): Promise<TokenPair> {
    return this.commands.execute(new LoginCommand(accountKeyOf(body), body.password));
  }
}
