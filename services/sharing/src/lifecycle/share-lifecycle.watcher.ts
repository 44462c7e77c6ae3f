import { Injectable, Logger } from '@nestjs/common';
import { eventOf, type StoredEvent } from '#libs/event-store';
import type { Projection } from '#libs/projections';
import { ResultsProjection } from '../projections/results.projection.js';
import { shareStream } from '../share/share.events.js';
import { PendingDeliveries } from './pending-deliveries.js';
import { catchUpWithResult } from './result-reactions.js';
import { ShareCommands } from './share-commands.js';

/**
 * Watches sharing's own share events (an outbox sink, after the shares read model) for what a
 * reaction to another service's event could have missed by a moment:
 * - SharePending: the invited organisation may have joined already (deliver now), or the
 *   invitation expired (lapse now);
 * - ResultShared: the result may have been amended or withdrawn while it was being sent, after the
 *   reaction to that looked for the result's shares (bring it up to date).
 * Never throws: it must not hold up the outbox. A failure is logged; a pending share is picked up
 * by the sweep (PendingSharesJob).
 */
@Injectable()
export class ShareLifecycleWatcher implements Projection {
  readonly name = 'share-lifecycle';
  private readonly logger = new Logger('ShareLifecycleWatcher');

  constructor(
    private readonly results: ResultsProjection,
    private readonly deliveries: PendingDeliveries,
    private readonly commands: ShareCommands,
  ) {}

  apply(event: StoredEvent): Promise<void> {
    return this.applyBatch([event]);
  }

  async applyBatch(events: readonly StoredEvent[]): Promise<void> {
    for (const stored of events) {
      if (!shareStream.owns(stored)) continue;
      const metadata = { correlationId: stored.metadata.correlationId, causationId: stored.eventId, actor: 'sharing' };
      try {
        const e = eventOf(stored, shareStream);
        if (e.type === 'SharePending') {
          await this.deliveries.settle(e.data, metadata);
        } else if (e.type === 'ResultShared') {
          const reaction = catchUpWithResult(e.data, await this.results.find(e.data.resultId));
          if (reaction) await this.commands.run(reaction, metadata);
        }
      } catch (error) {
        this.logger.warn(`${stored.type} ${stored._id}: not brought up to date: ${(error as Error)?.stack ?? String(error)}`);
      }
    }
  }

  /** Holds nothing of its own. */
  async reset(): Promise<void> {}
}
