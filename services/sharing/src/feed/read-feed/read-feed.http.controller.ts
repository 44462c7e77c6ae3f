import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentOrganisationUser, Roles, type OrganisationUserPrincipal } from '#libs/auth';
import type { IntegrationEnvelope } from '#libs/contracts';
import { FeedProjection } from '../feed.projection.js';
import { ReadFeedRequest } from './read-feed.request.dto.js';
import { FeedPageResponse, nextPageLink } from './read-feed.response.dto.js';

/** Organisations' systems pull ResultShared and ResultRead for their own accounts, in order. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/institution/feed')
export class ReadFeedHttpController {
  constructor(private readonly feed: FeedProjection) {}

  @Get()
  @Roles('organisation')
  @ApiOperation({ operationId: 'readFeed', summary: 'ResultShared and ResultRead for the organisation’s accounts, in order, from a cursor' })
  @ApiOkResponse({ type: FeedPageResponse, links: nextPageLink, description: '`{items: [envelope], nextCursor}`: pass nextCursor as `after` to continue.' })
  async read(@Query() query: ReadFeedRequest, @CurrentOrganisationUser() user: OrganisationUserPrincipal): Promise<{ items: IntegrationEnvelope[]; nextCursor: string }> {
    const after = Number(query.after ?? '0');
    const entries = await this.feed.read(user.organisationId, after, query.limit ?? 100);
    const last = entries.at(-1);
    return { items: entries.map((e) => e.envelope), nextCursor: String(last ? last.seq : after) };
  }
}
