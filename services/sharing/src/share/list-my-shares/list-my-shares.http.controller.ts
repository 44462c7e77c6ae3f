import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCandidate, Roles, type CandidatePrincipal } from '#libs/auth';
import { ListMySharesQuery } from './list-my-shares.query.js';
import { MySharesResponse } from './list-my-shares.response.dto.js';

@ApiTags('candidate')
@ApiBearerAuth()
@Controller('api/v1/me/shares')
export class ListMySharesHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ operationId: 'listMyShares', summary: '"Shared with": every share of the candidate’s results, newest first' })
  @ApiOkResponse({ type: MySharesResponse })
  @Get()
  @Roles('candidate')
  list(@CurrentCandidate() user: CandidatePrincipal) {
    return this.queries.execute(new ListMySharesQuery(user.idNumber));
  }
}
