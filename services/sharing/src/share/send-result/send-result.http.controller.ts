import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { SendResultCommand } from './send-result.command.js';
import { openShareLink } from '../share-recipient.response.dto.js';
import { SendResultRequest } from './send-result.request.dto.js';
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
  @ApiOperation({ operationId: 'sendResult', summary: 'Sends a result to a recipient account, with the candidate’s consent' })
  @ApiCreatedResponse({ type: SentShareResponse, links: openShareLink('/shareId'), description: 'The result was sent: `{shareId, status: "unread", sharedAt}`.' })
  @ApiOkResponse({ type: SentShareResponse, links: openShareLink('/shareId'), description: 'It had been sent to this account before: the same share, as it is now.' })
  @ApiNotFoundResponse({ description: 'No such result (of this candidate, released) or no such recipient account.' })
  @ApiUnprocessableEntityResponse({ description: 'This result may not be sent to this kind of organisation (e.g. immigration authorities); raise it with the exam centre.' })
  async send(
    @Body() body: SendResultRequest,
    @CurrentUser() user: Principal,
    @Req() req: RequestWithId,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    const sent = await this.commands.execute(
      new SendResultCommand(body.resultId, body.recipientId, body.consent === true, user, correlationIdOf(req)),
    );
    if (!sent.created) reply.status(200);
    return { shareId: sent.shareId, status: sent.status, sharedAt: sent.sharedAt };
  }
}
