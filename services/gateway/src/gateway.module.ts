import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from '#libs/auth';
import { OpenApiController } from './docs/openapi.controller.js';
import { GATEWAY_CONFIG, type GatewayConfig } from './gateway.config.js';
import { GatewayHealthController } from './health/gateway-health.controller.js';
import { ServiceProxy } from './proxy/service.proxy.js';
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
        LoggerModule.forRoot({
          pinoHttp: {
            name: 'gateway',
            level: config.logLevel,
            genReqId: (req) => {
              const given = req.headers['x-request-id'];
              return typeof given === 'string' && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
            },
            autoLogging: config.logLevel === 'debug',
          },
        }),
        ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute }]),
        AuthModule.register(config.jwksUrl),
      ],
      controllers: [GatewayHealthController, OpenApiController, AuthRoutes, CandidateRoutes, DirectoryRoutes, InstitutionRoutes, AdminRoutes],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        ServiceProxy,
      ],
    };
  }
}
