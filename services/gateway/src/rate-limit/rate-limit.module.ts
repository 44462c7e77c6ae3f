import { createHash } from 'node:crypto';
import { Injectable, Module, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { GUESS_THROTTLER, isGuessLimited } from '../routes/guess-limit.js';

/** The per-address budget across every route (denial-of-service guard); 'default' keeps the standard header names. */
export const GLOBAL_THROTTLER = 'default';

/**
 * @nestjs/throttler keys every counter by controller and handler: the global budget is keyed by
 * the address alone, so that it counts calls to all routes together.
 */
@Injectable()
export class GatewayThrottlerGuard extends ThrottlerGuard {
  protected override generateKey(context: ExecutionContext, suffix: string, name: string): string {
    if (name === GLOBAL_THROTTLER) return createHash('sha256').update(`${name}-${suffix}`).digest('hex');
    return super.generateKey(context, suffix, name);
  }

  /** The guess throttler sets no headers of its own (they would name it); a refusal still says when to come back. */
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const reply = context.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>();
    reply.header('Retry-After', String(detail.timeToBlockExpire));
    await super.throwThrottlingException(context, detail);
  }
}

/**
 * Per-address rate limits: `perMinute` across all routes, and `guessesPerMinute` on each route
 * that declares @GuessLimit() (the guess throttler skips the others). Its guard is registered by this
 * module, imported after AuthModule, so that it runs after the token and role checks: a call
 * without a valid token is a 401 (or 403) and is not counted, and an anonymous flood cannot spend
 * a signed-in caller's budget on a protected route.
 */
@Module({})
export class RateLimitModule {
  static register(perMinute: number, guessesPerMinute: number): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRoot([
          { name: GLOBAL_THROTTLER, ttl: 60_000, limit: perMinute },
          // Only the routes that declare @GuessLimit() count against it: no counter for any other route.
          { name: GUESS_THROTTLER, ttl: 60_000, limit: guessesPerMinute, setHeaders: false, skipIf: (context) => !isGuessLimited(context.getHandler()) },
        ]),
      ],
      providers: [{ provide: APP_GUARD, useClass: GatewayThrottlerGuard }],
    };
  }
}
