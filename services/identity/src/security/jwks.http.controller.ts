import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '#libs/auth';
import { SigningKeys } from './signing-keys.js';

/** The public keys every service and the gateway verify access tokens with. */
@ApiTags('auth')
@Controller('.well-known')
export class JwksHttpController {
  constructor(private readonly keys: SigningKeys) {}

  @Public()
  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  jwks() {
    return this.keys.jwks();
  }
}
