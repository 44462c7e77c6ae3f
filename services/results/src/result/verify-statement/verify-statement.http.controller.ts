import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { StatementVerification } from '#libs/contracts';
import { Public } from '#libs/auth';
import { VerifyStatementQuery } from './verify-statement.query.js';
import { VerifyStatementRequest } from './verify-statement.request.dto.js';
import { StatementVerificationResponse } from './verify-statement.response.dto.js';

/** Anyone holding a Statement of Results checks it: the page its link and QR code open. */
@ApiTags('verification')
@Controller('api/v1/verification')
export class VerifyStatementHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Public()
  @Post()
  @HttpCode(200)
  @ApiOperation({ operationId: 'verifyStatement', summary: 'Checks a Statement of Results by its code and the candidate’s date of birth (no account needed)' })
  @ApiOkResponse({ type: StatementVerificationResponse })
  @ApiBadRequestResponse({ description: 'A code or date of birth that is missing or malformed.' })
  @ApiTooManyRequestsResponse({ description: 'Too many statements checked from this address; try again later.' })
  verify(@Body() body: VerifyStatementRequest, @Ip() ip: string): Promise<StatementVerification> {
    return this.queries.execute(new VerifyStatementQuery(body.code, body.dateOfBirth, ip || 'unknown'));
  }
}
