import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Public } from '#libs/auth';
import { ServiceProxy, type ProxiedReply, type ProxiedRequest } from '../proxy/service.proxy.js';
import { GUESS_LIMIT } from './guess-limit.js';

/** Registration, login, refresh and password reset: public, and rate-limited per client address. */
@ApiTags('auth')
@Controller('api/v1')
export class AuthRoutes {
  constructor(private readonly proxy: ServiceProxy) {}

  @Public()
  @Throttle(GUESS_LIMIT)
  @Post('candidates')
  register(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('identity', req, reply);
  }

  @Public()
  @Throttle(GUESS_LIMIT)
  @Post('auth/login')
  @HttpCode(200)
  login(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('identity', req, reply);
  }

  @Public()
  @Throttle(GUESS_LIMIT)
  @Post('auth/refresh')
  refresh(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('identity', req, reply);
  }

  @Public()
  @Throttle(GUESS_LIMIT)
  @Post('auth/password-reset')
  reset(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('identity', req, reply);
  }

  @Public()
  @Throttle(GUESS_LIMIT)
  @Post('auth/password-reset/confirm')
  confirmReset(@Req() req: ProxiedRequest, @Res() reply: ProxiedReply) {
    return this.proxy.forward('identity', req, reply);
  }
}
