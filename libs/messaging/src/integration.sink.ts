import {
  eventCatalogue,
  validateEnvelope,
  type IntegrationEnvelope,
  type IntegrationEventData,
  type IntegrationEventType,
} from '#libs/contracts';
import { sha256Hex } from '#libs/domain';
import type { OutboxSink, StoredEvent } from '#libs/event-store';
import type { MessagePublisher } from './message-publisher.port.js';
import { publishSpan, type PublishSpan } from './message-tracing.js';

/** What a service publishes for one of its domain events: zero or more integration events. */
export type IntegrationEventDraft = {
  [K in IntegrationEventType]: { type: K; data: IntegrationEventData[K] };
}[IntegrationEventType];

export type IntegrationMapper = (event: StoredEvent) => IntegrationEventDraft[];

/** A deterministic id, so a re-published event keeps its eventId and consumers can drop the repeat. */
const integrationEventId = (event: StoredEvent, index: number): string =>
  index === 0 ? event.eventId : sha256Hex(`${event.eventId}:${index}`).slice(0, 32);

export function toEnvelope(event: StoredEvent, draft: IntegrationEventDraft, index: number, producer: string): IntegrationEnvelope {
  return {
    eventId: integrationEventId(event, index),
    type: draft.type,
    version: eventCatalogue[draft.type].version,
    occurredAt: event.occurredAt,
    aggregateId: event.streamId,
    aggregateVersion: event.version,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId,
    producer,
    data: draft.data,
  };
}

/**
 * The outbox sink that turns a service's domain events into public integration events,
 * validates each against its JSON Schema (a violation is a bug: it stops the relay loudly
 * rather than send bad data) and publishes them keyed by aggregate id.
 */
export class IntegrationSink implements OutboxSink {
  readonly name = 'integration-events';

  constructor(
    private readonly publisher: MessagePublisher,
    private readonly mapper: IntegrationMapper,
    private readonly producer: string,
  ) {}

  async handle(events: readonly StoredEvent[]): Promise<void> {
    const spans: PublishSpan[] = [];
    const messages = events.flatMap((event) =>
      this.mapper(event).map((draft, index) => {
        const envelope = validateEnvelope(toEnvelope(event, draft, index, this.producer));
        const topic = eventCatalogue[envelope.type].topic;
        const headers = { 'event-type': envelope.type, 'event-version': String(envelope.version), 'event-id': envelope.eventId };
        // The event's trace (from the append) goes on in a publish span, whose context the headers carry.
        const span = publishSpan(envelope.type, topic, event.metadata, headers);
        if (span) spans.push(span);
        return { topic, key: envelope.aggregateId, value: JSON.stringify(envelope), headers };
      }),
    );
    try {
      await this.publisher.publish(messages);
    } finally {
      for (const span of spans) span.end();
    }
  }
}
