import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Gauge, register, type Registry } from 'prom-client';
import { CONSUMER_LAG_PROBE, OUTBOX_PROBE, ReadinessRegistry, type ReadinessReport } from './readiness.js';

/** The registries of the apps alive in this process (embedded mode runs several). */
const live = new Set<ReadinessRegistry>();

async function reports(): Promise<ReadinessReport[]> {
  return Promise.all([...live].map((registry) => registry.current()));
}

/**
 * Gauges fed from the readiness probes when scraped: `service_ready{service}`,
 * `outbox_backlog{service}` (the `outbox` probe), `consumer_lag{service,topic}` (the
 * `consumer-lag` probe's topics) and `readiness_backlog{service,probe}` (every probe).
 * Registered once per process in `registry` (prom-client's default one).
 */
export function installReadinessMetrics(registry: Registry = register): void {
  if (registry.getSingleMetric('service_ready')) return;
  new Gauge({
    name: 'service_ready',
    help: 'Whether the service is ready: its database answers and its outbox and consumers have caught up (1) or not (0).',
    labelNames: ['service'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await reports()) this.set({ service: r.service }, r.ready ? 1 : 0);
    },
  });
  new Gauge({
    name: 'outbox_backlog',
    help: 'Events appended but not yet relayed to the read models and Kafka.',
    labelNames: ['service'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await reports()) {
        const backlog = r.backlog[OUTBOX_PROBE];
        if (typeof backlog === 'number') this.set({ service: r.service }, backlog);
      }
    },
  });
  new Gauge({
    name: 'consumer_lag',
    help: "Messages on a topic that the service's consumer group has not yet consumed.",
    labelNames: ['service', 'topic'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await reports()) {
        const outcome = r.probes[CONSUMER_LAG_PROBE];
        if (!outcome?.ok) continue;
        for (const [topic, lag] of Object.entries(outcome.report.topics ?? {}))
          this.set({ service: r.service, topic }, lag);
      }
    },
  });
  new Gauge({
    name: 'readiness_backlog',
    help: 'The backlog each readiness probe reports (absent while the probe fails).',
    labelNames: ['service', 'probe'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await reports()) {
        for (const [probe, backlog] of Object.entries(r.backlog))
          if (backlog !== null) this.set({ service: r.service, probe }, backlog);
      }
    },
  });
}

/** Puts the app's readiness registry in the process's metrics for the app's lifetime. */
@Injectable()
export class ReadinessMetrics implements OnModuleInit, OnModuleDestroy {
  constructor(private readonly registry: ReadinessRegistry) {}

  onModuleInit(): void {
    installReadinessMetrics();
    live.add(this.registry);
  }

  onModuleDestroy(): void {
    live.delete(this.registry);
  }
}
