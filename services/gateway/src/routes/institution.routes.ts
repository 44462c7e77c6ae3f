import { Controller, Delete, Get, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/auth';
import { ServiceProxy, type ProxiedReply, type ProxiedRequest } from '../proxy/service.proxy.js';
import { GuessLimit } from './guess-limit.js';

/** An organisation user's inbox; the sharing service limits it to the user's own organisation. */
@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1')
export class InstitutionRoutes {
  constructor(private readonly proxy: ServiceProxy) {}

  @Roles('organisation')
  @Get('institution/shares')
  inbox(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('sharing', req, reply);
  }

  @Roles('organisation')
  @Get('institution/shares/:shareId')
  open(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('sharing', req, reply);
  }

  @Roles('organisation')
  @Get('institution/feed')
  feed(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('sharing', req, reply);
  }

  @Roles('organisation')
  @Put('institution/webhook')
  putWebhook(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('sharing', req, reply);
  }

  @Roles('organisation')
  @Get('institution/webhook')
  getWebhook(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('sharing', req, reply);
  }

  @Roles('organisation')
  @Delete('institution/webhook')
  deleteWebhook(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('sharing', req, reply);
  }

  @Roles('organisation', 'operator', 'exam-centre')
  @GuessLimit()
  @Get('verification/:code')
  verify(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('results', req, reply);
  }
}
