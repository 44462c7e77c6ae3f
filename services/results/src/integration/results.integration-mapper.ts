import { eventOf, type StoredEvent } from '#libs/event-store';
import type { IntegrationEventDraft } from '#libs/messaging';
import { entryStream } from '../entry/entry.events.js';
import { resultStream } from '../result/result.events.js';

/** What results tells the rest of the platform, derived from its domain events. */
export function resultsIntegrationMapper(event: StoredEvent): IntegrationEventDraft[] {
  const e = eventOf(event, entryStream, resultStream);
  switch (e.type) {
    case 'CandidateEntered':
      return [{ type: 'CandidateEntered', data: e.data }];
    case 'ResultPublished':
      return [{ type: 'ResultPublished', data: e.data }];
    case 'ResultAmended': {
      const { resultId, amendedAt, reason, changes, current } = e.data;
      return [{ type: 'ResultAmended', data: { resultId, amendedAt, reason, changes, result: current } }];
    }
    case 'ResultWithdrawn':
      return [{ type: 'ResultWithdrawn', data: e.data }];
    default: {
      const unknown: never = e;
      throw new Error(`unknown results event ${JSON.stringify(unknown)}`);
    }
  }
}
