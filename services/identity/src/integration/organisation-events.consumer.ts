import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { eventsOfType, Topics } from '#libs/contracts';
import { IntegrationInbox } from '#libs/messaging';
import { OrganisationUsers } from './organisation-users.js';

/**
 * Takes the directory's organisation events (`directory.organisation.v1`) a batch at a time:
 * OrganisationRegistered with an address or a first user makes that organisation's users.
 */
// Messages carry no access token: the JWT guard, global to the app, must let them through.
@Controller()
export class OrganisationEventsConsumer {
  constructor(
    private readonly inbox: IntegrationInbox,
    private readonly organisationUsers: OrganisationUsers,
  ) {}

  @EventPattern(Topics.organisations)
  async onOrganisations(@Payload() batch: unknown[]): Promise<void> {
    await this.inbox.consumeBatch(Topics.organisations, batch, async (events) => {
      // Most organisations (the imported directory) have no users yet: nothing to write for them.
      for (const event of eventsOfType(events, 'OrganisationRegistered')) {
        if (event.data.email || event.data.firstUser) await this.organisationUsers.onRegistered(event);
      }
    });
  }
}
