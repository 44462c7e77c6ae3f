import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBody, ApiExtraModels, ApiOperation, ApiTags, ApiTooManyRequestsResponse, getSchemaPath } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { mailLanguageOf } from '#libs/platform';
import { accountKeyOf } from '../../security/accounts.js';
import { RequestResetCommand, type RESET_REQUESTED } from './request-reset.command.js';
import { RequestResetRequest } from './request-reset.request.dto.js';
import { ResetRequestedResponse } from './request-reset.response.dto.js';

@ApiTags('auth')
@Controller('api/v1/auth/password-reset')
export class RequestResetHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Public()
  @ApiOperation({ operationId: 'requestPasswordReset', summary: 'E-mails a reset link to the account, if there is one' })
  @ApiExtraModels(RequestResetRequest)
  @ApiBody({ schema: { allOf: [{ $ref: getSchemaPath(RequestResetRequest) }], oneOf: [{ required: ['idNumber'] }, { required: ['email'] }] } })
  @ApiAcceptedResponse({ type: ResetRequestedResponse, description: 'The same answer whether or not the account exists.' })
  @ApiTooManyRequestsResponse({ description: 'Too many reset requests for this account (or requests from this address).' })
  @Post()
  @HttpCode(202)
  request(@Body() body: RequestResetRequest, @Req() req: { headers: Record<string, string | string[] | undefined> }): Promise<typeof RESET_REQUESTED> {
    // Read from the request, not as a @Headers() parameter: OpenAPI would declare the header required.
    const acceptLanguage = req.headers['accept-language'];
    return this.commands.execute(new RequestResetCommand(accountKeyOf(body), mailLanguageOf(acceptLanguage)));
  }
}
