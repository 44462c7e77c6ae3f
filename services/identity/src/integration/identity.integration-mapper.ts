import type { StoredEvent } from '#libs/event-store';
import type { IntegrationEventDraft } from '#libs/messaging';

/** identity publishes no integration events for now: accounts and passwords stay inside it. */
export function identityIntegrationMapper(_event: StoredEvent): IntegrationEventDraft[] {
  return [];
}
