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
import { measuredProjection } from './metrics/projection.metrics.js';
import { OUTBOX_PROBE, ReadinessRegistry } from './readiness.js';

export interface OutboxSetup {
  mapper: IntegrationMapper;
  projections: Projection[];
}

export const OUTBOX_SETUP = Symbol('OUTBOX_SETUP');

/**
 * The outbox pipeline of a service, in the order an event travels (each step's file in brackets):
 *
 * 1. **Append.** A command handler decides and appends (runDecider → EventStore.append
 *    [libs/event-store/src/decider.ts, event.store.ts]): first the outbox entries (the commit
 *    point), then the events. An import appends many new streams at once on the bulk lane
 *    (EventStore.startStreams; the directory's seed, which waits on `relay.bulkBelow` so that
 *    live traffic never queues behind it [services/directory/src/organisation/seed/]).
 * 2. **Inline read models (live lane only).** Right after a live append, the service's own
 *    projections apply the events (`onAppended` below → ProjectionSink.applyInline
 *    [libs/projections/src/projection.ts]), so whoever wrote sees the write in the next read.
 * 3. **Relay.** The relay [libs/event-store/src/outbox.relay.ts] takes the appended events from
 *    memory (entries left by a crash or by another instance: from the outbox collection, once
 *    their event is known to be written), live before bulk, each stream in version order, and
 *    hands every batch to the sinks below, in this order:
 *    a. **Kafka** (IntegrationSink [libs/messaging/src/integration.sink.ts]): domain events →
 *       integration events (the service's mapper), validated against the contracts, published
 *       keyed by aggregate (in-process bus in embedded mode);
 *    b. **Read models** (ProjectionSink): what step 2 did not apply (bulk events, a failed
 *       inline pass) is applied now; versioned writes make a repeat a no-op.
 * 4. **Forget.** Only then are the batch's outbox entries deleted. A crash anywhere before this
 *    hands the same events to the sinks again after restart: at least once, and once in effect
 *    downstream (consumers' inbox and versioned read models [libs/messaging/src/integration.inbox.ts]).
 *
 * Readiness reports the outbox backlog, so a service is not ready while events wait.
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
    this.projections = new ProjectionSink(setup.projections.map((p) => measuredProjection(p, infra.serviceName)));
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
