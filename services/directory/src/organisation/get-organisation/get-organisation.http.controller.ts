import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/auth';
import type { Organisation } from '#libs/contracts';
import { ORGANISATION_ID_PARAM, organisationIdPipe, OrganisationResponse } from '../organisation.response.dto.js';
import { GetOrganisationQuery } from './get-organisation.query.js';

@ApiTags('operator')
@ApiBearerAuth()
@Controller('api/v1/admin/organisations')
export class GetOrganisationHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ operationId: 'getOrganisation', summary: 'An organisation with every recipient account, active or not' })
  @ApiParam(ORGANISATION_ID_PARAM)
  @ApiOkResponse({ type: OrganisationResponse })
  @ApiNotFoundResponse({ description: 'No such organisation.' })
  @Get(':organisationId')
  @Roles('operator')
  get(@Param('organisationId', organisationIdPipe()) organisationId: string): Promise<Organisation> {
    return this.queries.execute(new GetOrganisationQuery(organisationId.toLowerCase()));
  }
}
