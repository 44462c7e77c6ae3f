import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { eventsOfType, Topics } from '#libs/contracts';
import { IntegrationInbox } from '#libs/messaging';
import { NotificationSources } from '../projections/notification-sources.projection.js';
import { CandidateNotifications } from './candidate-notifications.js';

/**
 * Takes sharing's share events (`sharing.share.v1`) a batch at a time: ResultShared says whose share
 * it is and which organisation holds it, ResultRead asks for the candidate's e-mail (if they opted in).
 */
// Messages carry no access token: the JWT guard, global to the app, must let them through.
@Controller()
export class ShareEventsConsumer {
  constructor(
    private readonly inbox: IntegrationInbox,
    private readonly sources: NotificationSources,
    private readonly notifications: CandidateNotifications,
  ) {}

  @EventPattern(Topics.shares)
  async onShares(@Payload() batch: unknown[]): Promise<void> {
    await this.inbox.consumeBatch(Topics.shares, batch, async (events) => {
      // Shares first: a share sent and opened in one batch is known by its ResultRead.
      await this.sources.applyShared(eventsOfType(events, 'ResultShared'));
      for (const event of eventsOfType(events, 'ResultRead')) await this.notifications.onResultRead(event);
    });
  }
}
