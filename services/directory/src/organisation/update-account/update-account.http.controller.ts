import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Patch, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import type { RecipientAccount } from '#libs/contracts';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { accountNotFound, nothingToChange } from '../organisation.errors.js';
import { ORGANISATION_ID_PARAM, organisationIdPipe, RECIPIENT_ID_PARAM, RecipientAccountResponse } from '../organisation.response.dto.js';
import { UpdateAccountCommand, type AccountChanges } from './update-account.command.js';
import { ACCOUNT_FIELDS, UpdateAccountRequest } from './update-account.request.dto.js';

@ApiTags('operator')
@ApiBearerAuth()
@Controller('api/v1/admin/organisations')
export class UpdateAccountHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    operationId: 'updateAccount',
    summary: 'Renames, deactivates or reactivates a recipient account; an inactive one leaves search and refuses new shares',
  })
  @ApiParam(ORGANISATION_ID_PARAM)
  @ApiParam(RECIPIENT_ID_PARAM)
  // At least one field: the document says so (minProperties), as the controller checks it.
  @ApiExtraModels(UpdateAccountRequest)
  @ApiBody({ schema: { allOf: [{ $ref: getSchemaPath(UpdateAccountRequest) }], minProperties: 1 } })
  @ApiOkResponse({ type: RecipientAccountResponse, description: 'The account as it now is' })
  @ApiBadRequestResponse({ description: 'No field given, an empty department name, or active not a boolean.' })
  @ApiNotFoundResponse({ description: 'No such organisation, or no such account in it (another organisation’s account included).' })
  @ApiConflictResponse({ description: 'Another account of the organisation has this department name (ignoring case).' })
  @Patch(':organisationId/accounts/:recipientId')
  @HttpCode(200)
  @Roles('operator')
  update(
    @Param('organisationId', organisationIdPipe()) organisationId: string,
    @Param('recipientId', new ParseUUIDPipe({ exceptionFactory: () => accountNotFound('The organisation', 'with this id') })) recipientId: string,
    @Body() body: UpdateAccountRequest,
    @CurrentUser() user: Principal,
    @Req() req: RequestWithId,
  ): Promise<RecipientAccount> {
    const changes: AccountChanges = {
      ...(body.department !== undefined ? { department: body.department } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
    };
    if (Object.keys(changes).length === 0) throw nothingToChange(ACCOUNT_FIELDS);
    return this.commands.execute(new UpdateAccountCommand(organisationId.toLowerCase(), recipientId.toLowerCase(), changes, user, correlationIdOf(req)));
  }
}
