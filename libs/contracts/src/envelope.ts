/**
 * The envelope every integration event travels in on Kafka (the message value, JSON).
 * `eventId` lets each consumer process an event exactly once in effect; `aggregateVersion`
 * lets read models apply events of one aggregate in order and ignore repeats.
 */
export interface IntegrationEnvelope<TType extends string = string, TData = unknown> {
  eventId: string;
  type: TType;
  version: number;
  occurredAt: string;
  aggregateId: string;
  aggregateVersion: number;
  correlationId: string;
  causationId: string | null;
  producer: string;
  data: TData;
}

export const envelopeSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'eventId',
    'type',
    'version',
    'occurredAt',
    'aggregateId',
    'aggregateVersion',
    'correlationId',
    'causationId',
    'producer',
    'data',
  ],
  properties: {
    eventId: { type: 'string', minLength: 1, maxLength: 100 },
    type: { type: 'string', minLength: 1 },
    version: { type: 'integer', minimum: 1 },
    occurredAt: { type: 'string', format: 'date-time' },
    aggregateId: { type: 'string', minLength: 1 },
    aggregateVersion: { type: 'integer', minimum: 1 },
    correlationId: { type: 'string', minLength: 1 },
    causationId: { type: ['string', 'null'] },
    producer: { type: 'string', minLength: 1 },
    data: { type: 'object' },
  },
} as const;
