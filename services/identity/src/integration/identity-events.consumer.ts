import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type CandidateEnteredV1, type IntegrationEnvelope } from '#libs/contracts';
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
    await this.inbox.consumeBatch(Topics.entries, batch, async (events) => {
      const entered: IntegrationEnvelope<'CandidateEntered', CandidateEnteredV1>[] = [];
      // Other events on the topic are not identity's concern.
      for (const event of events) if (event.type === 'CandidateEntered') entered.push(event);
      await this.entries.applyBatch(entered);
    });
  }

  @EventPattern(Topics.organisations)
  async onOrganisations(@Payload() batch: unknown[]): Promise<void> {
    await this.inbox.consumeBatch(Topics.organisations, batch, async (events) => {
      // Most organisations (the imported directory) have no users yet: nothing to write for them.
      for (const event of events) {
        if (event.type === 'OrganisationRegistered' && (event.data.email || event.data.firstUser)) {
          await this.organisationUsers.onRegistered(event);
        }
      }
    });
  }
}
