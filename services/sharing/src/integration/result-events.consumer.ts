import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, type KnownEnvelope } from '#libs/contracts';
import { IntegrationInbox } from '#libs/messaging';
import { ResultReactions } from '../lifecycle/result-reactions.js';
import { ResultsProjection, type ResultEvent } from '../projections/results.projection.js';

const RESULT_EVENTS: ReadonlySet<string> = new Set<ResultEvent['type']>(['ResultPublished', 'ResultAmended', 'ResultWithdrawn']);

/** The events of the topic sharing keeps, in the topic's order. */
export const resultEventsOf = (events: readonly KnownEnvelope[]): ResultEvent[] => events.filter((e) => RESULT_EVENTS.has(e.type)) as unknown as ResultEvent[];

/**
 * Takes results' result events (`results.result.v1`) a batch at a time: ResultPublished,
 * ResultAmended and ResultWithdrawn keep sharing's copy of each result as it now is; then every
 * share of an amended or withdrawn result is amended or withdrawn (ResultReactions). Other events
 * on the topic are not sharing's concern.
 */
// Messages carry no access token: the JWT guard, global to the app, lets them through.
@Controller()
export class ResultEventsConsumer {
  constructor(
    private readonly inbox: IntegrationInbox,
    private readonly results: ResultsProjection,
    private readonly reactions: ResultReactions,
  ) {}

  @EventPattern(Topics.results)
  onResults(@Payload() batch: unknown[]): Promise<void> {
    return this.inbox.consumeBatch(Topics.results, batch, async (events) => {
      const mine = resultEventsOf(events);
      await this.results.applyBatch(mine);
      await this.reactions.react(mine);
    });
  }
}
