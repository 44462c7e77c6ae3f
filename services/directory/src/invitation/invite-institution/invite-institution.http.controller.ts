import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import type { InvitationSent } from '#libs/contracts';
import { correlationIdOf, mailLanguageOf, type RequestWithId } from '#libs/platform';
import { InviteInstitutionCommand } from './invite-institution.command.js';
import { InviteInstitutionRequest } from './invite-institution.request.dto.js';
import { InvitationSentResponse } from './invite-institution.response.dto.js';

@ApiTags('candidate')
@ApiBearerAuth()
@Controller('api/v1/directory/invitations')
export class InviteInstitutionHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** 202: the invitation is on its way (or already was, for this website's domain: `alreadyInvited`). */
  @ApiOperation({ operationId: 'inviteInstitution', summary: 'A candidate invites an organisation that is not listed' })
  @ApiAcceptedResponse({ type: InvitationSentResponse })
  @ApiTooManyRequestsResponse({ description: 'Too many invitations from this candidate; try again later.' })
  @Post()
  @HttpCode(202)
  @Roles('candidate')
  invite(@Body() body: InviteInstitutionRequest, @CurrentUser() user: Principal, @Req() req: RequestWithId): Promise<InvitationSent> {
    const language = mailLanguageOf(req.headers['accept-language']);
    return this.commands.execute(new InviteInstitutionCommand(body.organisationName, body.email, body.website, user, correlationIdOf(req), language));
  }
}
