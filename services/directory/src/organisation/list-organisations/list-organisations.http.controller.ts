import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/auth';
import type { Organisations } from '#libs/contracts';
import { OrganisationsResponse } from '../organisation.response.dto.js';
import { ListOrganisationsQuery } from './list-organisations.query.js';
import { ListOrganisationsRequest } from './list-organisations.request.dto.js';

@ApiTags('operator')
@ApiBearerAuth()
@Controller('api/v1/admin/organisations')
export class ListOrganisationsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ operationId: 'listOrganisations', summary: 'The organisations of the directory (or those waiting for approval), newest first, up to 200' })
  @ApiOkResponse({ type: OrganisationsResponse })
  @ApiBadRequestResponse({ description: 'approval is something other than "pending".' })
  @Get()
  @Roles('operator')
  list(@Query() params: ListOrganisationsRequest): Promise<Organisations> {
    return this.queries.execute(new ListOrganisationsQuery(params.approval === 'pending'));
  }
}
