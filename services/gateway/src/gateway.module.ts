import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '#libs/auth';
import { loggerModule } from '#libs/platform';
import { OpenApiController } from './docs/openapi.controller.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway.config.js';
import { GatewayHealthController } from './health/gateway-health.controller.js';
import { ServiceProxy } from './proxy/service.proxy.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { AdminRoutes } from './routes/admin.routes.js';
import { AuthRoutes } from './routes/auth.routes.js';
import { CandidateRoutes } from './routes/candidate.routes.js';
import { DirectoryRoutes } from './routes/directory.routes.js';
import { InstitutionRoutes } from './routes/institution.routes.js';

/**
 * The only public entry: routes /api/v1 to the services, verifies access tokens and roles
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
      controllers: [GatewayHealthController, OpenApiController, AuthRoutes, CandidateRoutes, DirectoryRoutes, InstitutionRoutes, AdminRoutes],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        ServiceProxy,
      ],
    };
  }
}
