import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IntegrationEnvelope } from '#libs/contracts';
import { findByIds } from '#libs/persistence';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { SharesProjection } from '../projections/shares.projection.js';
import type { DeliveryChannel } from '../share/share.events.js';
import { ShareCommands } from './share-commands.js';

/** The shares whose ResultShared these envelopes are (what a delivery of them delivers). */
export const sharesDeliveredBy = (envelopes: readonly IntegrationEnvelope[]): string[] => [
  ...new Set(envelopes.filter((e) => e.type === 'ResultShared').map((e) => (e.data as { shareId: string }).shareId)),
];

/**
 * Records ShareDelivered when an organisation's system has a share: its webhook answered 2xx to the
 * share's ResultShared, or its pull feed served a page with it. Off the caller's path (the answer
 * to the feed, the next webhook delivery) and never thrown: a failure is logged, and the next
 * delivery or read of the same entry records it again. Once per share: the shares read model
 * skips those already delivered, and the decider makes a repeat a no-op.
 */
@Injectable()
export class DeliveryRecorder {
  private readonly logger = new Logger('DeliveryRecorder');
  /** Recordings under way in this process (by share), so a burst of reads records each once. */
  private readonly inFlight = new Set<string>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly shares: SharesProjection,
    private readonly commands: ShareCommands,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  /** Starts recording; returns at once. */
  record(envelopes: readonly IntegrationEnvelope[], channel: DeliveryChannel): void {
    const shareIds = sharesDeliveredBy(envelopes).filter((id) => !this.inFlight.has(id));
    if (shareIds.length === 0) return;
    for (const id of shareIds) this.inFlight.add(id);
    const work = this.recordNow(shareIds, channel)
      .catch((error: unknown) => this.logger.warn(`delivery by ${channel} of ${shareIds.length} share(s) not recorded (recorded at the next delivery): ${(error as Error)?.stack ?? String(error)}`))
      .finally(() => {
        for (const id of shareIds) this.inFlight.delete(id);
        this.pending.delete(work);
      });
    this.pending.add(work);
  }

  /** Waits for the recordings under way (shutdown, tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  private async recordNow(shareIds: readonly string[], channel: DeliveryChannel): Promise<void> {
    const views = new Map((await findByIds(this.shares.view, shareIds)).map((v) => [v._id, v]));
    // Not listed yet (the read model lags a moment): the decider knows.
    const undelivered = shareIds.filter((id) => !views.get(id)?.deliveredAt);
    const deliveredAt = this.infra.clock.now().toISOString();
    const metadata = { correlationId: randomUUID(), causationId: null, actor: `delivery:${channel}` };
    for (const shareId of undelivered) await this.commands.run({ shareId, command: { type: 'RecordDelivery', data: { deliveredAt, channel } } }, metadata);
  }
}
