import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/auth';
import { ServiceProxy, type ProxiedReply, type ProxiedRequest } from '../proxy/service.proxy.js';

/** A candidate's own results and shares. The services check ownership again, object by object. */
@ApiTags('candidate')
@ApiBearerAuth()
@Roles('candidate')
@Controller('api/v1/me')
export class CandidateRoutes {
  constructor(private readonly proxy: ServiceProxy) {}

  @Get('results')
  results(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('results', req, reply);
  }

  @Get('results/:resultId/statement')
  statement(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('results', req, reply);
  }

  @Post('shares')
  share(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('sharing', req, reply);
  }

  @Get('shares')
  shares(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('sharing', req, reply);
  }
}
