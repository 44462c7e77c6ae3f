import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '#libs/auth';
import { httpRoutes } from '#libs/contracts';
import { loggerModule } from '#libs/platform';
import { OpenApiController } from './docs/openapi.controller.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway.config.js';
import { GatewayHealthController } from './health/gateway-health.controller.js';
import { ServiceProxy } from './proxy/service.proxy.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { forwardingControllers } from './routes/forwarding.controllers.js';
import { UpstreamPool } from './upstreams/upstream-pool.js';

/**
 * The only public entry: forwards exactly the routes of the table in libs/contracts to the services, verifies access tokens and roles
 * before forwarding (the services verify again), rate-limits, adds request ids, serves the
 * merged OpenAPI document and the web portal.
 */
@Module({})
export class GatewayModule {
  static register(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        loggerModule('gateway', config.logLevel),
        AuthModule.register(config.jwksUrl),
        // After AuthModule: its guards (token, roles) run before the rate limiter's.
        RateLimitModule.register(config.rateLimitPerMinute, config.guessLimitPerMinute),
      ],
      controllers: [GatewayHealthController, OpenApiController, ...forwardingControllers(httpRoutes)],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        UpstreamPool,
        ServiceProxy,
      ],
    };
  }
}
