import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import type { MyAccount } from '#libs/contracts';
import { MyAccountQuery } from './my-account.query.js';
import { MyAccountResponse } from './my-account.response.dto.js';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/me')
export class MyAccountHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ operationId: 'myAccount', summary: 'The signed-in account: its id, roles, and e-mail address or ID Number' })
  @ApiOkResponse({ type: MyAccountResponse })
  @ApiNotFoundResponse({ description: 'The token names an account that does not exist.' })
  @Get()
  @Roles('candidate', 'organisation', 'exam-centre', 'operator')
  me(@CurrentUser() user: Principal): Promise<MyAccount> {
    return this.queries.execute(new MyAccountQuery(user));
  }
}
