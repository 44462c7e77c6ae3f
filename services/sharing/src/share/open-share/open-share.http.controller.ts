import { Controller, Get, Param, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '#libs/auth';
import { correlationIdOf, type RequestWithId } from '#libs/platform';
import { OpenShareCommand } from './open-share.command.js';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/institution/shares')
export class OpenShareHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** A GET that records the first opening: reading the result is what "read" means to the candidate. */
  @Get(':shareId')
  @Roles('organisation')
  open(@Param('shareId') shareId: string, @CurrentUser() user: Principal, @Req() req: RequestWithId) {
    return this.commands.execute(new OpenShareCommand(shareId, user, correlationIdOf(req)));
  }
}
