import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { eventsOfType, Topics } from '#libs/contracts';
import { IntegrationInbox } from '#libs/messaging';
import { RecipientsReadModel } from './recipients.read-model.js';
import { ResultsReadModel } from './results.read-model.js';

/**
 * Keeps sharing's copies of results (from results) and recipient accounts (from directory),
 * a batch of messages at a time; other events on those topics are not sharing's concern.
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
    return this.inbox.consumeBatch(Topics.results, batch, (events) => this.results.applyBatch(eventsOfType(events, 'ResultPublished')));
  }

  @EventPattern(Topics.organisations)
  onOrganisations(@Payload() batch: unknown[]): Promise<void> {
    return this.inbox.consumeBatch(Topics.organisations, batch, (events) =>
      this.recipients.applyBatch(eventsOfType(events, 'OrganisationRegistered')),
    );
  }
}
