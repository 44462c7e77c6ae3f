import { eventOf, type StoredEvent } from '#libs/event-store';
import type { IntegrationEventDraft } from '#libs/messaging';
import { shareStream, type ResultChanges } from '../share/share.events.js';

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
    case 'ShareWithdrawn': {
      const { shareId, resultId, recipientId, organisationId, withdrawnAt, by, reason } = e.data;
      return [{ type: 'ShareWithdrawn', data: { shareId, resultId, recipientId, organisationId, withdrawnAt, by, reason } }];
    }
    case 'ShareDelivered': {
      const { shareId, resultId, recipientId, organisationId, deliveredAt, channel } = e.data;
      return [{ type: 'ShareDelivered', data: { shareId, resultId, recipientId, organisationId, deliveredAt, channel } }];
    }
    case 'ShareAmended': {
      const { shareId, resultId, recipientId, organisationId, amendedAt, reason, changes, result } = e.data;
      return [
        {
          type: 'ShareAmended',
          data: {
            shareId,
            resultId,
            recipientId,
            organisationId,
            amendedAt,
            reason,
            changes: copyChanges(changes),
            result: { ...result, components: result.components.map((c) => ({ ...c })) },
          },
        },
      ];
    }
    // Internal: a share waiting for an invited organisation is nobody's business until it is delivered.
    case 'SharePending':
    case 'ShareLapsed':
      return [];
    default: {
      const unknown: never = e;
      throw new Error(`unknown sharing event ${JSON.stringify(unknown)}`);
    }
  }
}

/** Only the fields that changed (an absent field stays absent: the schema allows no undefined). */
function copyChanges(changes: ResultChanges): ResultChanges {
  const copy: ResultChanges = {};
  if (changes.overallScore !== undefined) copy.overallScore = changes.overallScore;
  if (changes.grade !== undefined) copy.grade = changes.grade;
  if (changes.cefrLevel !== undefined) copy.cefrLevel = changes.cefrLevel;
  if (changes.components !== undefined) copy.components = changes.components.map((c) => ({ skill: c.skill, score: c.score }));
  return copy;
}
