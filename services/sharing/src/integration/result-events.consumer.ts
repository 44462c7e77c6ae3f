import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { eventsOfType, Topics } from '#libs/contracts';
import { IntegrationInbox } from '#libs/messaging';
import { ResultsProjection } from '../projections/results.projection.js';

/**
 * Takes results' result events (`results.result.v1`) a batch at a time: ResultPublished keeps
 * sharing's copy of each result; other events on the topic are not sharing's concern.
 */
// Messages carry no access token: the JWT guard, global to the app, lets them through.
@Controller()
export class ResultEventsConsumer {
  constructor(
    private readonly inbox: IntegrationInbox,
    private readonly results: ResultsProjection,
  ) {}

  @EventPattern(Topics.results)
  onResults(@Payload() batch: unknown[]): Promise<void> {
    return this.inbox.consumeBatch(Topics.results, batch, (events) => this.results.applyBatch(eventsOfType(events, 'ResultPublished')));
  }
}
