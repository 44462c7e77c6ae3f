import { Controller, Get, Ip, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { InvitationPreview } from '#libs/contracts';
import { Public } from '#libs/auth';
import { PreviewInvitationQuery } from './preview-invitation.query.js';
import { InvitationPreviewResponse } from './preview-invitation.response.dto.js';

@ApiTags('organisation')
@Controller('api/v1/directory/invitations')
export class PreviewInvitationHttpController {
  constructor(private readonly queries: QueryBus) {}

  /** The accept page says which organisation and address were invited (the token is the credential). */
  @Public()
  @ApiOperation({ operationId: 'previewInvitation', summary: 'The organisation and address an invitation link was sent for' })
  @ApiParam({ name: 'token', description: 'From the link in the invitation e-mail', schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' } })
  @ApiOkResponse({ type: InvitationPreviewResponse })
  @ApiNotFoundResponse({ description: 'This invitation link is not valid (unknown or expired).' })
  @ApiConflictResponse({ description: 'The invitation was already accepted.' })
  @ApiTooManyRequestsResponse({ description: 'Too many links opened from this address; try again later.' })
  @Get(':token')
  preview(@Param('token') token: string, @Ip() ip: string): Promise<InvitationPreview> {
    return this.queries.execute(new PreviewInvitationQuery(token, ip || 'unknown'));
  }
}
