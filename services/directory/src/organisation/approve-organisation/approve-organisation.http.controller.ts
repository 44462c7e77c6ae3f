import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import type { Organisation } from '#libs/contracts';
import { DomainError } from '#libs/domain';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { ORGANISATION_ID_PARAM, organisationIdPipe, OrganisationResponse } from '../organisation.response.dto.js';
import { OrganisationErrors } from '../organisation.errors.js';
import { ApproveOrganisationCommand } from './approve-organisation.command.js';

@ApiTags('operator')
@ApiBearerAuth()
@Controller('api/v1/admin/organisations')
export class ApproveOrganisationHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    operationId: 'approveOrganisation',
    summary: 'Approves an organisation that came from an invitation (INVITATION_APPROVAL=required): it enters search and its waiting shares are delivered. Idempotent',
  })
  @ApiParam(ORGANISATION_ID_PARAM)
  @ApiBody({ required: false, schema: { type: 'object', additionalProperties: false, properties: {} } })
  @ApiOkResponse({ type: OrganisationResponse, description: 'The organisation, approved' })
  @ApiBadRequestResponse({ description: 'The body has fields: the approval takes none.' })
  @ApiNotFoundResponse({ description: 'No such organisation.' })
  @Post(':organisationId/approval')
  @HttpCode(200)
  @Roles('operator')
  approve(
    @Param('organisationId', organisationIdPipe()) organisationId: string,
    // Not a DTO class: a class without fields is refused by the validation pipe even when empty.
    @Body() body: Record<string, unknown> | undefined,
    @CurrentUser() user: Principal,
    @Req() req: RequestWithId,
  ): Promise<Organisation> {
    // No body at all, or {}; JSON `null` is a body, and not an object: refused like any other.
    if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length > 0)) {
      throw new DomainError('invalid', OrganisationErrors.APPROVAL_TAKES_NO_FIELDS, 'The approval takes no fields: send {} (or no body).');
    }
    return this.commands.execute(new ApproveOrganisationCommand(organisationId.toLowerCase(), user, correlationIdOf(req)));
  }
}
