import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/auth';
import { VerifyResultQuery, type VerifiedResult } from './verify-result.query.js';
import { VerifiedResultResponse } from './verify-result.response.dto.js';

/** An organisation checks a Statement of Results by the code printed on it. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/verification')
export class VerifyResultHttpController {
  constructor(private readonly queries: QueryBus) {}

  @ApiOperation({ operationId: 'verifyResult', summary: 'Checks a Statement of Results by the verification code printed on it: the current version of the result (amendments applied)' })
  @ApiParam({ name: 'code', schema: { type: 'string', pattern: '^[A-Za-z0-9-]{4,20}$' }, example: 'K7PQ-2XW9-MRAB' })
  @ApiOkResponse({ type: VerifiedResultResponse })
  @ApiNotFoundResponse({ description: 'No statement has this verification code.' })
  @ApiConflictResponse({ description: 'The exam centre withdrew this result (code RESULT.WITHDRAWN): the statement is no longer valid.' })
  @Get(':code')
  @Roles('organisation', 'operator', 'exam-centre')
  verify(@Param('code') code: string): Promise<VerifiedResult> {
    return this.queries.execute(new VerifyResultQuery(code));
  }
}
