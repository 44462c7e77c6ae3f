import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { eventsOfType, Topics } from '#libs/contracts';
import { IntegrationInbox } from '#libs/messaging';
import { NotificationSources } from '../projections/notification-sources.projection.js';
import { CandidateNotifications } from './candidate-notifications.js';

/**
 * Takes results' result events (`results.result.v1`) a batch at a time: ResultPublished says whose
 * result it is, ResultAmended asks for the candidate's e-mail (if they opted in).
 */
// Messages carry no access token: the JWT guard, global to the app, must let them through.
@Controller()
export class ResultEventsConsumer {
  constructor(
    private readonly inbox: IntegrationInbox,
    private readonly sources: NotificationSources,
    private readonly notifications: CandidateNotifications,
  ) {}

  @EventPattern(Topics.results)
  async onResults(@Payload() batch: unknown[]): Promise<void> {
    await this.inbox.consumeBatch(Topics.results, batch, async (events) => {
      // Owners first: a result published and amended in one batch is known by its amendment.
      await this.sources.applyPublished(eventsOfType(events, 'ResultPublished'));
      for (const event of eventsOfType(events, 'ResultAmended')) await this.notifications.onResultAmended(event);
    });
  }
}
