import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { eventsOfType, Topics } from '#libs/contracts';
import { IntegrationInbox } from '#libs/messaging';
import { RecipientsProjection } from '../projections/recipients.projection.js';

/**
 * Takes the directory's organisation events (`directory.organisation.v1`) a batch at a time:
 * OrganisationRegistered keeps sharing's copy of the recipient accounts.
 */
// Messages carry no access token: the JWT guard, global to the app, lets them through.
@Controller()
export class OrganisationEventsConsumer {
  constructor(
    private readonly inbox: IntegrationInbox,
    private readonly recipients: RecipientsProjection,
  ) {}

  @EventPattern(Topics.organisations)
  onOrganisations(@Payload() batch: unknown[]): Promise<void> {
    return this.inbox.consumeBatch(Topics.organisations, batch, (events) =>
      this.recipients.applyBatch(eventsOfType(events, 'OrganisationRegistered')),
    );
  }
}
