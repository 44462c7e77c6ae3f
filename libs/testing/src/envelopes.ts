import { randomUUID } from 'node:crypto';
import { eventCatalogue, type IntegrationEnvelope, type IntegrationEventData, type IntegrationEventType } from '#libs/contracts';
import type { OutgoingMessage } from '#libs/messaging';

/** A valid integration envelope, as another service's relay would publish it. */
export function envelopeOf<K extends IntegrationEventType>(
  type: K,
  data: IntegrationEventData[K],
  options: { aggregateId: string; aggregateVersion?: number; eventId?: string; producer?: string },
): IntegrationEnvelope<K, IntegrationEventData[K]> {
  return {
    eventId: options.eventId ?? randomUUID(),
    type,
    version: eventCatalogue[type].version,
    occurredAt: new Date().toISOString(),
    aggregateId: options.aggregateId,
    aggregateVersion: options.aggregateVersion ?? 1,
    correlationId: randomUUID(),
    causationId: null,
    producer: options.producer ?? 'test',
    data,
  };
}

/** The same envelope as a message for the bus or Kafka. */
export function messageOf(envelope: IntegrationEnvelope): OutgoingMessage {
  return {
    topic: eventCatalogue[envelope.type as IntegrationEventType].topic,
    key: envelope.aggregateId,
    value: JSON.stringify(envelope),
  };
}
