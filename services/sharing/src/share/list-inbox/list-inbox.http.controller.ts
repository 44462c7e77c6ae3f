import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrganisationUser, Roles, type OrganisationUserPrincipal } from '#libs/auth';
import { ListInboxQuery } from './list-inbox.query.js';
import { ListInboxRequest } from './list-inbox.request.dto.js';
import { InboxResponse } from './list-inbox.response.dto.js';
import { openShareLink } from '../share-recipient.response.dto.js';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/institution/shares')
export class ListInboxHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ operationId: 'listInbox', summary: 'Results shared with the organisation’s accounts, unread first' })
  @ApiOkResponse({ type: InboxResponse, links: openShareLink('/items/0/shareId') })
  @Get()
  @Roles('organisation')
  list(@Query() query: ListInboxRequest, @CurrentOrganisationUser() user: OrganisationUserPrincipal) {
    return this.queries.execute(new ListInboxQuery(user.organisationId, query.status, query.recipientId));
  }
}
