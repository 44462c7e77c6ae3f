import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { JobLease } from './job-lease.js';
import { PendingDeliveries } from './pending-deliveries.js';

/** How often the sweep runs, across every instance of sharing. */
export const PENDING_SWEEP_EVERY_MS = 5_000;
/** How long one sweep may hold its claim before another instance takes over (a crash mid-sweep). */
const HOLD_MS = 60_000;

/**
 * Lapses the shares whose invitation expired unaccepted, and delivers what a failed or raced
 * reaction left waiting (PendingDeliveries.sweep): once every PENDING_SWEEP_EVERY_MS on one
 * instance, claimed with a lease in the store (JobLease) as the webhook worker claims a subscription.
 */
@Injectable()
export class PendingSharesJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('PendingSharesJob');
  private readonly lease: JobLease;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly deliveries: PendingDeliveries,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {
    this.lease = new JobLease(infra.documents, 'pending-shares', { holdMs: HOLD_MS, everyMs: PENDING_SWEEP_EVERY_MS });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), Math.ceil(PENDING_SWEEP_EVERY_MS / 2));
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Starts a run unless one is running here; the lease decides whether it is this instance's turn. */
  kick(): void {
    if (this.running || this.stopped) return;
    this.running = this.runOnce()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`pending shares sweep failed: ${(error as Error)?.stack ?? String(error)}`))
      .finally(() => {
        this.running = null;
      });
  }

  /** One run if due (tests call it directly); true when this instance ran it. */
  runOnce(): Promise<boolean> {
    return this.lease.runIfDue(
      () => this.infra.clock.now().getTime(),
      async () => {
        await this.deliveries.sweep();
      },
    );
  }
}
