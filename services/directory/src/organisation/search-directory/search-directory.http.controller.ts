import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/auth';
import { SearchDirectoryQuery, type DirectoryItem } from './search-directory.query.js';
import { SearchDirectoryRequest } from './search-directory.request.dto.js';
import { DirectorySearchResponse, searchLinks } from './search-directory.response.dto.js';

@ApiTags('candidate')
@ApiBearerAuth()
@Controller('api/v1/directory/search')
export class SearchDirectoryHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ operationId: 'searchDirectory', summary: 'Recipient accounts matching the shortest part of a name, best first' })
  @ApiOkResponse({ type: DirectorySearchResponse, links: searchLinks })
  @Get()
  @Roles('candidate', 'operator')
  search(@Query() params: SearchDirectoryRequest): Promise<{ items: DirectoryItem[] }> {
    return this.queries.execute(new SearchDirectoryQuery(params.q, params.limit ?? 10));
  }
}
