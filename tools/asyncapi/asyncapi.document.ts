import { envelopeSchema, eventCatalogue, type IntegrationEventType } from '#libs/contracts';

/** The Kafka headers of every event: what the envelope says, and the trace it was published in. */
const messageHeaders = {
  type: 'object',
  properties: {
    'event-type': { type: 'string', description: 'the envelope\'s `type`' },
    'event-version': { type: 'string', description: 'the envelope\'s `version`' },
    'event-id': { type: 'string', description: 'the envelope\'s `eventId`' },
    traceparent: {
      type: 'string',
      pattern: '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
      description:
        'W3C trace context of the span that published the event, when the platform traces (OpenTelemetry); absent otherwise. A consumer may continue the trace; nothing else depends on it.',
    },
    tracestate: { type: 'string', description: 'W3C tracestate, with traceparent, when there is one' },
  },
} as const;

/**
 * The AsyncAPI 3 document of every integration event, built from the contracts themselves
 * (`libs/contracts`), so the documentation cannot drift from what is validated on the wire.
 */
export function asyncApiDocument(): Record<string, unknown> {
  const types = Object.keys(eventCatalogue) as IntegrationEventType[];
  const topics = [...new Set(types.map((t) => eventCatalogue[t].topic))];
  const channelId = (topic: string) => topic.replace(/\./g, '_');
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Results Service integration events',
      version: '1.0.0',
      description:
        'Events on Kafka, each a JSON envelope keyed by its aggregate id. `eventId` lets a consumer process each event once in effect; `aggregateVersion` orders the events of one aggregate. Malformed messages are parked on `<topic>.dlt`.',
    },
    defaultContentType: 'application/json',
    servers: { kafka: { host: 'localhost:9092', protocol: 'kafka' } },
    channels: Object.fromEntries(
      topics.map((topic) => [
        channelId(topic),
        {
          address: topic,
          messages: Object.fromEntries(
            types.filter((t) => eventCatalogue[t].topic === topic).map((t) => [t, { $ref: `#/components/messages/${t}` }]),
          ),
        },
      ]),
    ),
    operations: Object.fromEntries(
      topics.map((topic) => [
        `receive_${channelId(topic)}`,
        { action: 'receive', channel: { $ref: `#/channels/${channelId(topic)}` } },
      ]),
    ),
    components: {
      messages: Object.fromEntries(
        types.map((t) => {
          const entry = eventCatalogue[t];
          return [
            t,
            {
              name: t,
              title: `${t} v${entry.version}`,
              summary: entry.summary,
              bindings: { kafka: { key: { type: 'string', description: 'the aggregate id' } } },
              headers: messageHeaders,
              payload: {
                ...envelopeSchema,
                properties: {
                  ...envelopeSchema.properties,
                  type: { const: t },
                  version: { const: entry.version },
                  data: entry.schema,
                },
              },
            },
          ];
        }),
      ),
    },
  };
}
