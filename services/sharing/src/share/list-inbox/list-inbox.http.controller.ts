import { Controller, ForbiddenException, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import { ListInboxQuery } from './list-inbox.query.js';
import { ListInboxRequest } from './list-inbox.request.dto.js';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/institution/shares')
export class ListInboxHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('organisation')
  list(@Query() query: ListInboxRequest, @CurrentUser() user: Principal) {
    if (!user.organisationId) throw new ForbiddenException('This account belongs to no organisation.');
    return this.queries.execute(new ListInboxQuery(user.organisationId, query.status, query.recipientId));
  }
}
