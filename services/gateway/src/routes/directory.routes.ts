import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '#libs/auth';
import { ServiceProxy, type ProxiedReply, type ProxiedRequest } from '../proxy/service.proxy.js';
import { GuessLimit } from './guess-limit.js';

@ApiTags('directory')
@Controller('api/v1/directory')
export class DirectoryRoutes {
  constructor(private readonly proxy: ServiceProxy) {}

  @ApiBearerAuth()
  @Roles('candidate', 'operator')
  @Get('search')
  search(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('directory', req, reply);
  }

  @ApiBearerAuth()
  @Roles('candidate')
  @GuessLimit()
  @Post('invitations')
  invite(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('directory', req, reply);
  }

  @Public()
  @GuessLimit()
  @Post('invitations/:token/accept')
  accept(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('directory', req, reply);
  }
}
