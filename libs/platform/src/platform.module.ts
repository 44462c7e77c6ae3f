import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '#libs/auth';
import { EventStore } from '#libs/event-store';
import { INFRA, type ServiceInfrastructure } from './infrastructure.js';
import { loggerModule } from './logger.module.js';
import { ReadinessRegistry } from './readiness.js';
import { ReadinessMetrics } from './readiness.metrics.js';

/**
 * What every service app has: structured logs with request ids, JWT guards on every route,
 * its infrastructure, its event store and its readiness registry (inject `ReadinessRegistry` to
 * register a probe; /health, /health/ready and /metrics are served by the internal listener).
 */
@Global()
@Module({})
export class PlatformModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    return {
      module: PlatformModule,
      imports: [loggerModule(infra.serviceName, infra.logLevel), AuthModule.register(infra.jwksUrl)],
      providers: [
        { provide: INFRA, useValue: infra },
        { provide: EventStore, useFactory: () => new EventStore(infra.documents, infra.clock) },
        {
          provide: ReadinessRegistry,
          useFactory: () =>
            new ReadinessRegistry(infra.serviceName, { database: () => infra.documents.ping() }),
        },
        ReadinessMetrics,
      ],
      exports: [INFRA, EventStore, AuthModule, ReadinessRegistry],
    };
  }
}
