import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrganisationUser, Roles, type OrganisationUserPrincipal } from '#libs/auth';
import { DEFAULT_PAGE } from '../paging/page.request.dto.js';
import { ListInboxQuery } from './list-inbox.query.js';
import { ListInboxRequest } from './list-inbox.request.dto.js';
import { InboxResponse, nextInboxPageLink } from './list-inbox.response.dto.js';
import { openShareLink } from '../share-recipient.response.dto.js';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/institution/shares')
export class ListInboxHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ operationId: 'listInbox', summary: 'Results shared with the organisation’s accounts, unread first, then newest; a page at a time' })
  @ApiOkResponse({ type: InboxResponse, links: { ...openShareLink('/items/0/shareId'), ...nextInboxPageLink } })
  @Get()
  @Roles('organisation')
  list(@Query() query: ListInboxRequest, @CurrentOrganisationUser() user: OrganisationUserPrincipal) {
    const { status, recipientId, q, from, to } = query;
    const filters = { organisationId: user.organisationId, status, recipientId, q, from, to };
    return this.queries.execute(new ListInboxQuery(filters, query.limit ?? DEFAULT_PAGE, query.cursor));
  }
}
