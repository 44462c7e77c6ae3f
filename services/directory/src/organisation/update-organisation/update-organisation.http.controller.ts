import { Body, Controller, HttpCode, Param, Patch, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import type { Organisation } from '#libs/contracts';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import type { OrganisationChanges } from '../organisation.decider.js';
import { nothingToChange } from '../organisation.errors.js';
import { ORGANISATION_ID_PARAM, organisationIdPipe, OrganisationResponse } from '../organisation.response.dto.js';
import { UpdateOrganisationCommand } from './update-organisation.command.js';
import { EDITABLE_FIELDS, UpdateOrganisationRequest } from './update-organisation.request.dto.js';

@ApiTags('operator')
@ApiBearerAuth()
@Controller('api/v1/admin/organisations')
export class UpdateOrganisationHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    operationId: 'updateOrganisation',
    summary: 'Edits an organisation (any of name, kind, country, website, aliases); search shows the edit within a second',
  })
  @ApiParam(ORGANISATION_ID_PARAM)
  // At least one field: the document says so (minProperties), as the controller checks it.
  @ApiExtraModels(UpdateOrganisationRequest)
  @ApiBody({ schema: { allOf: [{ $ref: getSchemaPath(UpdateOrganisationRequest) }], minProperties: 1 } })
  @ApiOkResponse({ type: OrganisationResponse, description: 'The organisation as it now is' })
  @ApiBadRequestResponse({ description: 'No field given, or a field that is malformed (as when registering).' })
  @ApiNotFoundResponse({ description: 'No such organisation.' })
  @Patch(':organisationId')
  @HttpCode(200)
  @Roles('operator')
  update(
    @Param('organisationId', organisationIdPipe()) organisationId: string,
    @Body() body: UpdateOrganisationRequest,
    @CurrentUser() user: Principal,
    @Req() req: RequestWithId,
  ): Promise<Organisation> {
    const changes: OrganisationChanges = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.kind !== undefined ? { kind: body.kind } : {}),
      ...(body.country !== undefined ? { country: body.country } : {}),
      ...(body.website !== undefined ? { website: body.website } : {}),
      ...(body.aliases !== undefined ? { aliases: body.aliases.map((a) => a.trim()) } : {}),
    };
    if (Object.keys(changes).length === 0) throw nothingToChange(EDITABLE_FIELDS);
    return this.commands.execute(new UpdateOrganisationCommand(organisationId.toLowerCase(), changes, user, correlationIdOf(req)));
  }
}
