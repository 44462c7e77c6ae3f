import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule } from '#libs/auth';
import { EventStore } from '#libs/event-store';
import { HealthController } from './health.controller.js';
import { INFRA, type ServiceInfrastructure } from './infrastructure.js';
import { loggerModule } from './logger.module.js';
import { MetricsController } from './metrics.controller.js';

/**
 * What every service app has: structured logs with request ids, JWT guards on every route,
 * /health and /metrics, its infrastructure and its event store.
 */
@Global()
@Module({})
export class PlatformModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        loggerModule(infra.serviceName, infra.logLevel),
        TerminusModule,
        AuthModule.register(infra.jwksUrl),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: INFRA, useValue: infra },
        { provide: EventStore, useFactory: () => new EventStore(infra.documents, infra.clock) },
      ],
      exports: [INFRA, EventStore, AuthModule],
    };
  }
}
