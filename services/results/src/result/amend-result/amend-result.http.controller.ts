import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import type { CurrentResult } from '#libs/contracts';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { resultNotFound } from '../result.errors.js';
import type { ResultChanges } from '../result.events.js';
import { AmendResultCommand } from './amend-result.command.js';
import { AmendResultRequest } from './amend-result.request.dto.js';
import { CurrentResultResponse } from './amend-result.response.dto.js';

export const RESULT_ID_PARAM = {
  name: 'resultId',
  schema: { type: 'string', format: 'uuid', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' },
} as const;

@ApiTags('exam centre')
@ApiBearerAuth()
@Controller('api/v1/admin/results')
export class AmendResultHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    operationId: 'amendResult',
    summary: 'Amends a published result (a re-mark): the changed fields and a reason; organisations holding it get the current version',
  })
  @ApiParam(RESULT_ID_PARAM)
  @ApiOkResponse({ type: CurrentResultResponse })
  @ApiBadRequestResponse({ description: 'A missing reason, or a field that is malformed (as when publishing), or a skill listed twice.' })
  @ApiNotFoundResponse({ description: 'No such result.' })
  @ApiConflictResponse({ description: 'The result was withdrawn: it can no longer be amended.' })
  @ApiUnprocessableEntityResponse({ description: 'Nothing changes: no field given, or each equals its current value.' })
  @Post(':resultId/amendments')
  @HttpCode(200)
  @Roles('exam-centre')
  amend(
    @Param('resultId', new ParseUUIDPipe({ exceptionFactory: resultNotFound })) resultId: string,
    @Body() body: AmendResultRequest,
    @CurrentUser() user: Principal,
    @Req() req: RequestWithId,
  ): Promise<CurrentResult> {
    const proposed: ResultChanges = {
      ...(body.overallScore !== undefined ? { overallScore: body.overallScore } : {}),
      ...(body.grade !== undefined ? { grade: body.grade } : {}),
      ...(body.cefrLevel !== undefined ? { cefrLevel: body.cefrLevel } : {}),
      ...(body.components !== undefined ? { components: body.components.map((c) => ({ skill: c.skill, score: c.score })) } : {}),
    };
    return this.commands.execute(new AmendResultCommand(resultId.toLowerCase(), body.reason, proposed, user, correlationIdOf(req)));
  }
}
