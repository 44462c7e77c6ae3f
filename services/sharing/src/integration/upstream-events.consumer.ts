import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type IntegrationEnvelope, type OrganisationRegisteredV1, type ResultPublishedV1 } from '#libs/contracts';
import { IntegrationInbox } from '#libs/messaging';
import { RecipientsReadModel } from './recipients.read-model.js';
import { ResultsReadModel } from './results.read-model.js';

/**
 * Keeps sharing's copies of results (from results) and recipient accounts (from directory),
 * a batch of messages at a time.
 */
@Controller()
export class UpstreamEventsConsumer {
  constructor(
    private readonly inbox: IntegrationInbox,
    private readonly results: ResultsReadModel,
    private readonly recipients: RecipientsReadModel,
  ) {}

  @EventPattern(Topics.results)
  onResults(@Payload() batch: unknown[]): Promise<void> {
    return this.inbox.consumeBatch(Topics.results, batch, async (events) => {
      const published: IntegrationEnvelope<'ResultPublished', ResultPublishedV1>[] = [];
      for (const event of events) {
        switch (event.type) {
          case 'ResultPublished':
            published.push(event);
            break;
          default:
            // Other events on the topic are not sharing's concern.
            break;
        }
      }
      await this.results.applyBatch(published);
    });
  }

  @EventPattern(Topics.organisations)
  onOrganisations(@Payload() batch: unknown[]): Promise<void> {
    return this.inbox.consumeBatch(Topics.organisations, batch, async (events) => {
      const registered: IntegrationEnvelope<'OrganisationRegistered', OrganisationRegisteredV1>[] = [];
      for (const event of events) {
        switch (event.type) {
          case 'OrganisationRegistered':
            registered.push(event);
            break;
          default:
            break;
        }
      }
      await this.recipients.applyBatch(registered);
    });
  }
}
