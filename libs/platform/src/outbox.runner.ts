import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EventStore, OutboxRelay } from '#libs/event-store';
import { IntegrationSink, type IntegrationMapper } from '#libs/messaging';
import { ProjectionSink, type Projection } from '#libs/projections';
import { INFRA, type ServiceInfrastructure } from './infrastructure.js';

export interface OutboxSetup {
  mapper: IntegrationMapper;
  projections: Projection[];
}

export const OUTBOX_SETUP = Symbol('OUTBOX_SETUP');

/**
 * Runs the service's outbox relay for its lifetime: every appended event is applied to the
 * service's own read models and published as integration events, then marked published.
 */
@Injectable()
export class OutboxRunner implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  readonly relay: OutboxRelay;
  private readonly logger = new Logger('OutboxRelay');

  constructor(
    private readonly store: EventStore,
    @Inject(INFRA) infra: ServiceInfrastructure,
    @Inject(OUTBOX_SETUP) setup: OutboxSetup,
  ) {
    this.relay = new OutboxRelay(
      store,
      [new ProjectionSink(setup.projections), new IntegrationSink(infra.publisher, setup.mapper, infra.serviceName)],
      { pollIntervalMs: 500, logger: { error: (m, e) => this.logger.error(`${m}: ${(e as Error)?.stack ?? String(e)}`) } },
    );
  }

  async onModuleInit(): Promise<void> {
    await this.store.init();
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }
}
