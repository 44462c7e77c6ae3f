import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';

/**
 * Per-address rate limits (all routes; tighter where guessing is possible, see GUESS_LIMIT). Its
 * guard is registered by this module, imported after AuthModule, so that it runs after the token
 * and role checks: a call without a valid token is a 401 (or 403) and is not counted, and an
 * anonymous flood cannot spend a signed-in caller's budget on a protected route.
 */
@Module({})
export class RateLimitModule {
  static register(perMinute: number): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: perMinute }])],
      providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
    };
  }
}
