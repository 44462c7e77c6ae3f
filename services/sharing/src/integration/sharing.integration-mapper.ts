import { eventOf, type StoredEvent } from '#libs/event-store';
import type { IntegrationEventDraft } from '#libs/messaging';
import { shareStream } from '../share/share.events.js';

/** What sharing tells recipients' systems and the platform, derived from its domain events. */
export function sharingIntegrationMapper(event: StoredEvent): IntegrationEventDraft[] {
  const e = eventOf(event, shareStream);
  switch (e.type) {
    case 'ResultShared': {
      const { shareId, resultId, candidateId, recipient, candidate, result, consent, sharedAt } = e.data;
      return [
        {
          type: 'ResultShared',
          data: {
            shareId,
            resultId,
            candidateId,
            recipient: { ...recipient },
            candidate: { ...candidate },
            result: { ...result, components: result.components.map((c) => ({ ...c })) },
            consent: { ...consent },
            sharedAt,
          },
        },
      ];
    }
    case 'ResultRead': {
      const { shareId, resultId, recipientId, organisationId, readAt, readBy } = e.data;
      return [{ type: 'ResultRead', data: { shareId, resultId, recipientId, organisationId, readAt, readBy } }];
    }
    default: {
      const unknown: never = e;
      throw new Error(`unknown sharing event ${JSON.stringify(unknown)}`);
    }
  }
}
