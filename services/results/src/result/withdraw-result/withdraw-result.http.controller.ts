import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import type { CurrentResult } from '#libs/contracts';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { RESULT_ID_PARAM } from '../amend-result/amend-result.http.controller.js';
import { CurrentResultResponse } from '../amend-result/amend-result.response.dto.js';
import { resultNotFound } from '../result.errors.js';
import { WithdrawResultCommand } from './withdraw-result.command.js';
import { WithdrawResultRequest } from './withdraw-result.request.dto.js';

@ApiTags('exam centre')
@ApiBearerAuth()
@Controller('api/v1/admin/results')
export class WithdrawResultHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    operationId: 'withdrawResult',
    summary: 'Withdraws a published result with a reason: it then verifies as withdrawn and cannot be sent again (a second withdrawal changes nothing)',
  })
  @ApiParam(RESULT_ID_PARAM)
  @ApiOkResponse({ type: CurrentResultResponse })
  @ApiBadRequestResponse({ description: 'A missing or too long reason.' })
  @ApiNotFoundResponse({ description: 'No such result.' })
  @Post(':resultId/withdrawal')
  @HttpCode(200)
  @Roles('exam-centre')
  withdraw(
    @Param('resultId', new ParseUUIDPipe({ exceptionFactory: resultNotFound })) resultId: string,
    @Body() body: WithdrawResultRequest,
    @CurrentUser() user: Principal,
    @Req() req: RequestWithId,
  ): Promise<CurrentResult> {
    return this.commands.execute(new WithdrawResultCommand(resultId.toLowerCase(), body.reason, user, correlationIdOf(req)));
  }
}
