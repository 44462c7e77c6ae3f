import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCandidate, Roles, type CandidatePrincipal } from '#libs/auth';
import { ListMyResultsQuery } from './list-my-results.query.js';
import { myResultLinks, MyResultsResponse } from './list-my-results.response.dto.js';

@ApiTags('candidate')
@ApiBearerAuth()
@Controller('api/v1/me/results')
export class ListMyResultsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ operationId: 'listMyResults', summary: 'The candidate’s released results, newest exam first' })
  @ApiOkResponse({ type: MyResultsResponse, links: myResultLinks })
  @Get()
  @Roles('candidate')
  list(@CurrentCandidate() user: CandidatePrincipal) {
    return this.queries.execute(new ListMyResultsQuery(user.idNumber));
  }
}
