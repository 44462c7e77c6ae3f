import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiBody, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentCandidate, Roles, type CandidatePrincipal } from '#libs/auth';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { UUID_PARAM } from '../share-recipient.response.dto.js';
import { WithdrawShareCommand } from './withdraw-share.command.js';
import { assertEmptyBody, EMPTY_BODY_SCHEMA } from './withdraw-share.request.dto.js';
import { WithdrawnShareResponse } from './withdraw-share.response.dto.js';

@ApiTags('candidate')
@ApiBearerAuth()
@Controller('api/v1/me/shares')
export class WithdrawShareHttpController {
  constructor(private readonly commands: CommandBus) {}

  @ApiOperation({
    operationId: 'withdrawShare',
    summary: 'Takes a share back before the organisation has opened it; its inbox then shows it withdrawn, without the details',
  })
  @ApiParam({ name: 'shareId', schema: UUID_PARAM })
  @ApiBody({ schema: EMPTY_BODY_SCHEMA, required: false })
  @ApiOkResponse({ type: WithdrawnShareResponse, description: 'The share with `status: "withdrawn"` (a repeat answers the same).' })
  @ApiNotFoundResponse({ description: 'No such share of this candidate.' })
  @ApiConflictResponse({ description: 'The organisation has already opened it (or it has not reached the organisation yet): it can no longer be withdrawn.' })
  @ApiBadRequestResponse({ description: 'The body was not empty.' })
  @Post(':shareId/withdrawal')
  @HttpCode(200)
  @Roles('candidate')
  withdraw(@Param('shareId') shareId: string, @Body() body: unknown, @CurrentCandidate() user: CandidatePrincipal, @Req() req: RequestWithId) {
    assertEmptyBody(body);
    return this.commands.execute(new WithdrawShareCommand(shareId, user.sub, correlationIdOf(req)));
  }
}
