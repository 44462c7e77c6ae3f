import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '#libs/contracts';
import { IntegrationInbox } from '#libs/messaging';
import { RecipientsReadModel } from './recipients.read-model.js';
import { ResultsReadModel } from './results.read-model.js';

/**
 * Keeps sharing's copies of results (from results) and recipient accounts (from directory).
 */
@Controller()
export class UpstreamEventsConsumer {
  constructor(
    private readonly inbox: IntegrationInbox,
    private readonly results: ResultsReadModel,
    private readonly recipients: RecipientsReadModel,
  ) {}

  @EventPattern(Topics.results)
  onResult(@Payload() payload: unknown): Promise<void> {
    return this.inbox.consume(Topics.results, payload, async (event) => {
      switch (event.type) {
        case 'ResultPublished':
          await this.results.apply(event);
          return;
        default:
          // Other events on the topic are not sharing's concern.
          return;
      }
    });
  }

  @EventPattern(Topics.organisations)
  onOrganisation(@Payload() payload: unknown): Promise<void> {
    return this.inbox.consume(Topics.organisations, payload, async (event) => {
      switch (event.type) {
        case 'OrganisationRegistered':
          await this.recipients.apply(event);
          return;
        default:
          return;
      }
    });
  }
}
