import { Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '#libs/auth';
import { ServiceProxy, type ProxiedReply, type ProxiedRequest } from '../proxy/service.proxy.js';

@ApiTags('exam centre and operator')
@ApiBearerAuth()
@Controller('api/v1/admin')
export class AdminRoutes {
  constructor(private readonly proxy: ServiceProxy) {}

  @Roles('exam-centre')
  @Post('entries')
  enter(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('results', req, reply);
  }

  @Roles('exam-centre')
  @Post('results')
  publish(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('results', req, reply);
  }

  @Roles('operator')
  @Post('organisations')
  addOrganisation(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('directory', req, reply);
  }
}
