import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiParam, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { AcceptInvitationCommand, type AcceptedInvitation } from './accept-invitation.command.js';
import { AcceptInvitationRequest } from './accept-invitation.request.dto.js';
import { acceptedLinks, AcceptedInvitationResponse } from './accept-invitation.response.dto.js';

@ApiTags('organisation')
@Controller('api/v1/directory/invitations')
export class AcceptInvitationHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** The invited organisation creates its account from the link in its e-mail (the token is the credential). */
  @Public()
  @ApiOperation({ operationId: 'acceptInvitation', summary: 'The invited organisation creates its account from the link in its e-mail' })
  @ApiParam({ name: 'token', description: 'From the link in the invitation e-mail', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' } })
  @ApiCreatedResponse({ type: AcceptedInvitationResponse, links: acceptedLinks })
  @ApiNotFoundResponse({ description: 'This invitation link is not valid (unknown or expired).' })
  @ApiConflictResponse({ description: 'The invitation was already accepted, or the invited address already belongs to an account.' })
  @ApiServiceUnavailableResponse({ description: 'The identity service, which creates the first user, is not answering.' })
  @Post(':token/accept')
  @HttpCode(201)
  accept(@Param('token') token: string, @Body() body: AcceptInvitationRequest, @Req() req: RequestWithId): Promise<AcceptedInvitation> {
    return this.commands.execute(
      new AcceptInvitationCommand(token, body.contactName, body.password, body.kind ?? 'education', body.country ?? 'Unknown', correlationIdOf(req)),
    );
  }
}
