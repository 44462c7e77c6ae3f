import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TestTokenIssuer } from '#libs/testing';
import { AuthModule } from './auth.module.js';
import { CurrentUser } from './guards.js';
import type { Principal } from './principal.js';

@Controller('who')
class WhoController {
  @Get()
  who(@CurrentUser() user: Principal): Principal {
    return user;
  }
}

describe('JwtStrategy: which access tokens pass', () => {
  let issuer: TestTokenIssuer;
  let app: NestFastifyApplication;
  let url: string;

  before(async () => {
    issuer = await TestTokenIssuer.start();
    @Module({ imports: [AuthModule.register(() => issuer.jwksUrl)], controllers: [WhoController] })
    class TestModule {}
    app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  after(async () => {
    await app.close();
    await issuer.stop();
  });

  const call = (token: string) => fetch(`${url.replace('[::1]', '127.0.0.1')}/who`, { headers: { authorization: `Bearer ${token}` } });

  it('accepts a token with an expiry time', async () => {
    const r = await call(await issuer.sign({ sub: 'cand-1', roles: ['candidate'], idn: 'C12345678' }));
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { sub: 'cand-1', roles: ['candidate'], idNumber: 'C12345678' });
  });

  it('refuses a validly signed token without exp (it would never expire)', async () => {
    const r = await call(await issuer.sign({ sub: 'admin', roles: ['operator'] }, null));
    assert.equal(r.status, 401);
  });

  it('refuses an expired token', async () => {
    const r = await call(await issuer.sign({ sub: 'admin', roles: ['operator'] }, '-1m'));
    assert.equal(r.status, 401);
  });
});
