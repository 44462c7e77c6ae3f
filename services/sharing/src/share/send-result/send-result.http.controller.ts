import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConflictResponse, ApiExtraModels, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse, getSchemaPath } from '@nestjs/swagger';
import { DomainError } from '#libs/domain';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { SendResultCommand, type SendTarget } from './send-result.command.js';
import { openShareLink } from '../share-recipient.response.dto.js';
import { ShareErrors } from '../share.errors.js';
import { SendResultRequest, TARGET_MESSAGE } from './send-result.request.dto.js';
import { SentShareResponse } from './send-result.response.dto.js';

interface Reply {
  status(code: number): unknown;
}

@ApiTags('candidate')
@ApiBearerAuth()
@Controller('api/v1/me/shares')
export class SendResultHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('candidate')
  @ApiExtraModels(SendResultRequest)
  @ApiBody({ schema: { allOf: [{ $ref: getSchemaPath(SendResultRequest) }], oneOf: [{ required: ['recipientId'] }, { required: ['invitationId'] }] } })
  @ApiOperation({ operationId: 'sendResult', summary: 'Sends a result to a recipient account, with the candidate’s consent' })
  @ApiCreatedResponse({ type: SentShareResponse, links: openShareLink('/shareId'), description: 'The result was sent: `{shareId, status: "unread", sharedAt}`.' })
  @ApiOkResponse({ type: SentShareResponse, links: openShareLink('/shareId'), description: 'It had been sent to this account before: the same share, as it is now.' })
  @ApiAcceptedResponse({ type: SentShareResponse, description: 'To an invited organisation: `{shareId, status: "pending"}`, delivered when it joins (and is approved), `lapsed` if the invitation expires.' })
  @ApiNotFoundResponse({ description: 'No such result (of this candidate, released), no such recipient account, or no such invitation of this candidate.' })
  @ApiConflictResponse({ description: 'Attached to an invitation whose organisation has already been sent this result: send it to its account.' })
  @ApiUnprocessableEntityResponse({
    description: 'This result may not be sent to this kind of organisation (e.g. immigration authorities), the exam centre withdrew it, or the invitation expired.',
  })
  async send(
    @Body() body: SendResultRequest,
    @CurrentUser() user: Principal,
    @Req() req: RequestWithId,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    if (body.recipientId !== undefined && body.invitationId !== undefined) throw new DomainError('invalid', ShareErrors.TARGET, TARGET_MESSAGE);
    const target: SendTarget = body.invitationId !== undefined ? { invitationId: body.invitationId.toLowerCase() } : { recipientId: body.recipientId ?? '' };
    const sent = await this.commands.execute(new SendResultCommand(body.resultId, target, body.consent === true, user, correlationIdOf(req)));
    if (sent.outcome === 'repeat') reply.status(200);
    if (sent.outcome === 'pending') reply.status(202);
    return sent.sharedAt === undefined ? { shareId: sent.shareId, status: sent.status } : { shareId: sent.shareId, status: sent.status, sharedAt: sent.sharedAt };
  }
}
