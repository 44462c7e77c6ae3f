import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { eventsOfType, Topics } from '#libs/contracts';
import { IntegrationInbox } from '#libs/messaging';
import { PopularityProjection } from '../projections/popularity.projection.js';

/**
 * Takes sharing's share events (`sharing.share.v1`) a batch at a time: each ResultShared counts
 * towards its organisation's popularity in search. Other events of the topic are ignored.
 */
// Messages carry no access token: the JWT guard, global to the app, lets them through.
@Controller()
export class ShareEventsConsumer {
  constructor(
    private readonly inbox: IntegrationInbox,
    private readonly popularity: PopularityProjection,
  ) {}

  @EventPattern(Topics.shares)
  onShares(@Payload() batch: unknown[]): Promise<void> {
    return this.inbox.consumeBatch(Topics.shares, batch, (events) => this.popularity.applyBatch(eventsOfType(events, 'ResultShared')));
  }
}
