import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { JwksCache } from './jwks.cache.js';
import { JWKS_CACHE, JwtStrategy } from './jwt.strategy.js';
import { JwtAuthGuard, RolesGuard } from './guards.js';

/** Guards every route of the importing app with passport-jwt and @Roles(). */
@Module({})
export class AuthModule {
  static register(jwksUrl: () => string): DynamicModule {
    return {
      module: AuthModule,
      imports: [PassportModule],
      providers: [
        { provide: JWKS_CACHE, useValue: new JwksCache(jwksUrl) },
        JwtStrategy,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
      exports: [JWKS_CACHE],
    };
  }
}
