import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { AcceptInvitationCommand, type AcceptedInvitation } from './accept-invitation.command.js';
import { AcceptInvitationRequest } from './accept-invitation.request.dto.js';

@ApiTags('organisation')
@Controller('api/v1/directory/invitations')
export class AcceptInvitationHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** The invited organisation creates its account from the link in its e-mail (the token is the credential). */
  @Public()
  @Post(':token/accept')
  @HttpCode(201)
  accept(@Param('token') token: string, @Body() body: AcceptInvitationRequest, @Req() req: RequestWithId): Promise<AcceptedInvitation> {
    return this.commands.execute(
      new AcceptInvitationCommand(token, body.contactName, body.password, body.kind ?? 'education', body.country ?? 'Unknown', correlationIdOf(req)),
    );
  }
}
