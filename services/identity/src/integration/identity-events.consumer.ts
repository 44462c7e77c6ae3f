import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { eventsOfType, Topics } from '#libs/contracts';
import { IntegrationInbox } from '#libs/messaging';
import { CandidateEntries } from './candidate-entries.js';
import { OrganisationUsers } from './organisation-users.js';

/** What identity takes from other services: entries (for registration) and organisations (their users). */
// Messages carry no access token: the JWT guard, global to the app, must let them through.
@Controller()
export class IdentityEventsConsumer {
  constructor(
    private readonly inbox: IntegrationInbox,
    private readonly entries: CandidateEntries,
    private readonly organisationUsers: OrganisationUsers,
  ) {}

  @EventPattern(Topics.entries)
  async onEntries(@Payload() batch: unknown[]): Promise<void> {
    // Other events on the topic are not identity's concern.
    await this.inbox.consumeBatch(Topics.entries, batch, (events) => this.entries.applyBatch(eventsOfType(events, 'CandidateEntered')));
  }

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
