import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '#libs/contracts';
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
  async onEntry(@Payload() payload: unknown): Promise<void> {
    await this.inbox.consume(Topics.entries, payload, async (event) => {
      if (event.type === 'CandidateEntered') await this.entries.apply(event.data, event.aggregateVersion);
      // Other events on the topic are not identity's concern.
    });
  }

  @EventPattern(Topics.organisations)
  async onOrganisation(@Payload() payload: unknown): Promise<void> {
    await this.inbox.consume(Topics.organisations, payload, async (event) => {
      if (event.type === 'OrganisationRegistered') await this.organisationUsers.onRegistered(event);
    });
  }
}
