import { Controller, Get, Param, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { UUID_PARAM } from '../share-recipient.response.dto.js';
import { OpenShareCommand } from './open-share.command.js';
import { OpenedShareResponse, verifyLink } from './open-share.response.dto.js';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/institution/shares')
export class OpenShareHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** A GET that records the first opening: reading the result is what "read" means to the candidate. */
  @ApiOperation({ operationId: 'openShare', summary: 'The candidate and the full result of a share; the first opening marks it read' })
  @ApiParam({ name: 'shareId', schema: UUID_PARAM })
  @ApiOkResponse({ type: OpenedShareResponse, links: verifyLink })
  @ApiNotFoundResponse({ description: 'No such share for this organisation.' })
  @Get(':shareId')
  @Roles('organisation')
  open(@Param('shareId') shareId: string, @CurrentUser() user: Principal, @Req() req: RequestWithId) {
    return this.commands.execute(new OpenShareCommand(shareId, user, correlationIdOf(req)));
  }
}
