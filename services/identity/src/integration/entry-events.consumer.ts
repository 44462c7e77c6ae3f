import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { eventsOfType, Topics } from '#libs/contracts';
import { IntegrationInbox } from '#libs/messaging';
import { CandidateEntries } from '../projections/candidate-entries.projection.js';

/**
 * Takes results' entry events (`results.entry.v1`) a batch at a time: CandidateEntered gives
 * identity the ID Number and Secret Number hash that registration checks.
 */
// Messages carry no access token: the JWT guard, global to the app, must let them through.
@Controller()
export class EntryEventsConsumer {
  constructor(
    private readonly inbox: IntegrationInbox,
    private readonly entries: CandidateEntries,
  ) {}

  @EventPattern(Topics.entries)
  async onEntries(@Payload() batch: unknown[]): Promise<void> {
    // Other events on the topic are not identity's concern.
    await this.inbox.consumeBatch(Topics.entries, batch, (events) => this.entries.applyBatch(eventsOfType(events, 'CandidateEntered')));
  }
}
