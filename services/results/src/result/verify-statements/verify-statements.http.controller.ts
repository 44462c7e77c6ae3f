import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { BulkVerification } from '#libs/contracts';
import { CurrentOrganisationUser, Roles, type OrganisationUserPrincipal } from '#libs/auth';
import { VerifyStatementsQuery } from './verify-statements.query.js';
import { VerifyStatementsRequest } from './verify-statements.request.dto.js';
import { BulkVerificationResponse } from './verify-statements.response.dto.js';

/** An organisation's admissions team checks a spreadsheet of statements in one request. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/institution/verifications')
export class VerifyStatementsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Post()
  @HttpCode(200)
  @Roles('organisation')
  @ApiOperation({ operationId: 'verifyStatements', summary: 'Checks up to 2,000 Statements of Results (code and date of birth each), answered in the order sent' })
  @ApiOkResponse({ type: BulkVerificationResponse })
  @ApiBadRequestResponse({ description: 'No items, more than 2,000, or an item that is malformed (the message names it).' })
  @ApiTooManyRequestsResponse({ description: 'Too many bulk requests by this organisation; try again later.' })
  verify(@Body() body: VerifyStatementsRequest, @CurrentOrganisationUser() user: OrganisationUserPrincipal): Promise<BulkVerification> {
    return this.queries.execute(new VerifyStatementsQuery(body.items, user.organisationId));
  }
}
