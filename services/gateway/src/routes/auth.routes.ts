import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { ServiceProxy, type ProxiedReply, type ProxiedRequest } from '../proxy/service.proxy.js';
import { GuessLimit } from './guess-limit.js';

/** Registration, login, refresh and password reset: public, and rate-limited per client address. */
@ApiTags('auth')
@Controller('api/v1')
export class AuthRoutes {
  constructor(private readonly proxy: ServiceProxy) {}

  @Public()
  @GuessLimit()
  @Post('candidates')
  register(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('identity', req, reply);
  }

  @Public()
  @GuessLimit()
  @Post('auth/login')
  @HttpCode(200)
  login(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('identity', req, reply);
  }

  @Public()
  @GuessLimit()
  @Post('auth/refresh')
  refresh(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('identity', req, reply);
  }

  @Public()
  @GuessLimit()
  @Post('auth/password-reset')
  reset(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('identity', req, reply);
  }

  @Public()
  @GuessLimit()
  @Post('auth/password-reset/confirm')
  confirmReset(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('identity', req, reply);
  }
}
