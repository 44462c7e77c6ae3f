import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { EventStore, OutboxRelay } from '#libs/event-store';
import { IntegrationSink, type IntegrationMapper } from '#libs/messaging';
import { ProjectionSink, type Projection } from '#libs/projections';
import { INFRA, type ServiceInfrastructure } from './infrastructure.js';
import { OUTBOX_PROBE, ReadinessRegistry } from './readiness.js';

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
  private readonly projections: ProjectionSink;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: EventStore,
    @Inject(INFRA) infra: ServiceInfrastructure,
    @Inject(OUTBOX_SETUP) setup: OutboxSetup,
    readiness: ReadinessRegistry,
  ) {
    this.projections = new ProjectionSink(setup.projections);
    this.relay = new OutboxRelay(
      store,
      // Kafka first: other services need not wait for this one's own read models (a search
      // index refresh can take a second).
      [new IntegrationSink(infra.publisher, setup.mapper, infra.serviceName), this.projections],
      { logger: { error: (m, e) => this.logger.error(`${m}: ${(e as Error)?.stack ?? String(e)}`) } },
    );
    // Not ready while events wait to be published (a first boot's import, a restart's leftovers).
    readiness.register(OUTBOX_PROBE, async () => ({ backlog: await this.relay.backlog() }));
  }

  async onModuleInit(): Promise<void> {
    await this.store.init();
  }

  onApplicationBootstrap(): void {
    // Read models see a write at once; the relay applies it again (a no-op) and is the guarantee.
    // Bulk imports are left to the relay, which applies them in batches.
    this.unsubscribe = this.store.onAppended((events, lane) => {
      if (events.length === 0 || lane !== 'live') return;
      this.projections
        .applyInline(events)
        .catch((error: unknown) =>
          this.logger.warn(`inline projection deferred to the relay: ${String(error)}`),
        );
    });
    this.relay.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await this.relay.stop();
  }
}
