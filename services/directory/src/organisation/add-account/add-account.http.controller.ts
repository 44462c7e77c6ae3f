import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import type { AddedAccount } from '#libs/contracts';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { ORGANISATION_ID_PARAM, organisationIdPipe } from '../organisation.response.dto.js';
import { AddAccountCommand } from './add-account.command.js';
import { AddAccountRequest } from './add-account.request.dto.js';
import { AddedAccountResponse } from './add-account.response.dto.js';

@ApiTags('operator')
@ApiBearerAuth()
@Controller('api/v1/admin/organisations')
export class AddAccountHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({ operationId: 'addAccount', summary: 'Adds a recipient account (a department) to an organisation; it is in search within a second' })
  @ApiParam(ORGANISATION_ID_PARAM)
  @ApiCreatedResponse({ type: AddedAccountResponse })
  @ApiBadRequestResponse({ description: 'No department name, or one over 300 characters.' })
  @ApiNotFoundResponse({ description: 'No such organisation.' })
  @ApiConflictResponse({ description: 'Another account of the organisation has this department name (ignoring case), active or not.' })
  @Post(':organisationId/accounts')
  @HttpCode(201)
  @Roles('operator')
  add(
    @Param('organisationId', organisationIdPipe()) organisationId: string,
    @Body() body: AddAccountRequest,
    @CurrentUser() user: Principal,
    @Req() req: RequestWithId,
  ): Promise<AddedAccount> {
    return this.commands.execute(new AddAccountCommand(organisationId.toLowerCase(), body.department, user, correlationIdOf(req)));
  }
}
