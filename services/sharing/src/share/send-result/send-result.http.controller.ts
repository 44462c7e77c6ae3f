import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { SendResultCommand } from './send-result.command.js';
import { SendResultRequest } from './send-result.request.dto.js';

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
  @ApiCreatedResponse({ description: 'The result was sent: `{shareId, status: "unread", sharedAt}`.' })
  @ApiOkResponse({ description: 'It had been sent to this account before: the same share, as it is now.' })
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
