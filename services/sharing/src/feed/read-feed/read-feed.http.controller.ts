import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrganisationUser, Roles, type OrganisationUserPrincipal } from '#libs/auth';
import { ReadFeedQuery, type FeedPage } from './read-feed.query.js';
import { ReadFeedRequest } from './read-feed.request.dto.js';
import { FeedPageResponse, nextPageLink } from './read-feed.response.dto.js';

/** Organisations' systems pull the share events of their own accounts, in order (serving a share's ResultShared records ShareDelivered). */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/institution/feed')
export class ReadFeedHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('organisation')
  @ApiOperation({ operationId: 'readFeed', summary: 'The share events of the organisation’s accounts (ResultShared, ResultRead, ShareWithdrawn, ShareAmended; not ShareDelivered, their own receipts), in order, from a position that never changes (docs/feed.md)' })
  @ApiOkResponse({ type: FeedPageResponse, links: nextPageLink, description: '`{items: [envelope], nextCursor}`: pass nextCursor as `after` to continue.' })
  read(@Query() query: ReadFeedRequest, @CurrentOrganisationUser() user: OrganisationUserPrincipal): Promise<FeedPage> {
    return this.queries.execute(new ReadFeedQuery(user.organisationId, query.after ?? '0', query.limit ?? 100));
  }
}
