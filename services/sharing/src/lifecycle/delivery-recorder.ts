import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IntegrationEnvelope } from '#libs/contracts';
import { INFRA, type ServiceInfrastructure } from '#libs/platform';
import { SharesProjection } from '../projections/shares.projection.js';
import type { DeliveryChannel } from '../share/share.events.js';
import { ShareCommands } from './share-commands.js';

/** The shares whose ResultShared these envelopes are (what a delivery of them delivers), with that event's id. */
export const sharesDeliveredBy = (envelopes: readonly IntegrationEnvelope[]): { shareId: string; eventId: string }[] =>
  envelopes.filter((e) => e.type === 'ResultShared').map((e) => ({ shareId: (e.data as { shareId: string }).shareId, eventId: e.eventId }));

/**
 * Records ShareDelivered when an organisation's system has a share: its webhook answered 2xx to the
 * share's ResultShared, or its pull feed served a page with it. Off the caller's path (the answer
 * to the feed, the next webhook delivery) and never thrown: a failure is logged, and the next
 * delivery or read of the same entry records it again. Once per share: the shares read model
 * skips those already delivered, and the decider makes a repeat a no-op.
 */
@Injectable()
export class DeliveryRecorder implements OnModuleDestroy {
  private readonly logger = new Logger('DeliveryRecorder');
  /** Recordings under way in this process (by share), so a burst of reads records each once. */
  private readonly inFlight = new Set<string>();
  /** ResultShared events this process saw delivered lately (oldest forgotten first): a feed read again from the start looks none of them up. */
  private readonly known = new Set<string>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly shares: SharesProjection,
    private readonly commands: ShareCommands,
    @Inject(INFRA) private readonly infra: ServiceInfrastructure,
  ) {}

  /** Starts recording; returns at once. */
  record(envelopes: readonly IntegrationEnvelope[], channel: DeliveryChannel): void {
    const delivered = sharesDeliveredBy(envelopes).filter((d) => !this.inFlight.has(d.shareId) && !this.known.has(d.eventId));
    const shareIds = [...new Set(delivered.map((d) => d.shareId))];
    if (shareIds.length === 0) return;
    for (const id of shareIds) this.inFlight.add(id);
    const work = this.recordNow(delivered, channel)
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

  async onModuleDestroy(): Promise<void> {
    await this.settled();
  }

  /**
   * One share at a time, each looked up by id (a page's worth of ids in one `$in` would scan the
   * whole shares collection on FerretDB); one not listed yet (the read model lags a moment) is
   * left to the decider.
   */
  private async recordNow(delivered: readonly { shareId: string; eventId: string }[], channel: DeliveryChannel): Promise<void> {
    const deliveredAt = this.infra.clock.now().toISOString();
    const metadata = { correlationId: randomUUID(), causationId: null, actor: `delivery:${channel}` };
    for (const { shareId, eventId } of delivered) {
      const view = await this.shares.view.findOne({ _id: shareId });
      if (!view?.deliveredAt) await this.commands.run({ shareId, command: { type: 'RecordDelivery', data: { deliveredAt, channel } } }, metadata);
      this.remember(eventId);
    }
  }

  private remember(eventId: string): void {
    this.known.add(eventId);
    if (this.known.size > 50_000) this.known.delete(this.known.values().next().value as string);
  }
}
