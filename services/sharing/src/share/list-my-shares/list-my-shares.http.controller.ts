import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCandidate, Roles, type CandidatePrincipal } from '#libs/auth';
import { DEFAULT_PAGE, PageRequestDto } from '../paging/page.request.dto.js';
import { ListMySharesQuery } from './list-my-shares.query.js';
import { MySharesResponse, nextMySharesPageLink } from './list-my-shares.response.dto.js';

@ApiTags('candidate')
@ApiBearerAuth()
@Controller('api/v1/me/shares')
export class ListMySharesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ operationId: 'listMyShares', summary: '"Shared with": every share of the candidate’s results, newest first; a page at a time' })
  @ApiOkResponse({ type: MySharesResponse, links: nextMySharesPageLink })
  @Get()
  @Roles('candidate')
  list(@Query() query: PageRequestDto, @CurrentCandidate() user: CandidatePrincipal) {
    return this.queries.execute(new ListMySharesQuery(user.idNumber, query.limit ?? DEFAULT_PAGE, query.cursor));
  }
}
