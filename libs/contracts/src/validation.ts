import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { envelopeSchema, type IntegrationEnvelope } from './envelope.js';
import { withoutLegacyCredentials } from './events/directory.events.js';
import { eventCatalogue, type IntegrationEventData, type IntegrationEventType } from './registry.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validateEnvelopeShape = ajv.compile(envelopeSchema);
const validators = new Map<string, ValidateFunction>(
  Object.entries(eventCatalogue).map(([type, entry]) => [`${type}@${entry.version}`, ajv.compile(entry.schema)]),
);

export class ContractViolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolationError';
  }
}

export type KnownEnvelope = {
  [K in IntegrationEventType]: IntegrationEnvelope<K, IntegrationEventData[K]>;
}[IntegrationEventType];

/** Validates an envelope and its payload against the catalogue; throws ContractViolationError. */
export function validateEnvelope(value: unknown): KnownEnvelope {
  if (!validateEnvelopeShape(value)) {
    throw new ContractViolationError(`envelope: ${ajv.errorsText(validateEnvelopeShape.errors)}`);
  }
  const envelope = upcast(value);
  const validate = validators.get(`${envelope.type}@${envelope.version}`);
  if (!validate) throw new ContractViolationError(`unknown event ${envelope.type} v${envelope.version}`);
  if (!validate(envelope.data)) {
    throw new ContractViolationError(`${envelope.type} v${envelope.version}: ${ajv.errorsText(validate.errors)}`);
  }
  return envelope as KnownEnvelope;
}

/** Older shapes of a version, brought to the current one before validation (see each upcaster). */
function upcast(envelope: IntegrationEnvelope): IntegrationEnvelope {
  if (envelope.type !== 'OrganisationRegistered' || envelope.version !== 1) return envelope;
  const data = withoutLegacyCredentials(envelope.data);
  return data === envelope.data ? envelope : { ...envelope, data };
}

/** The envelopes of one event type, typed as such (a topic carries several types; a consumer takes some). */
export function eventsOfType<K extends IntegrationEventType>(
  events: readonly KnownEnvelope[],
  type: K,
): IntegrationEnvelope<K, IntegrationEventData[K]>[] {
  return events.filter((e) => e.type === type) as unknown as IntegrationEnvelope<K, IntegrationEventData[K]>[];
}

export function topicOf(type: IntegrationEventType): string {
  return eventCatalogue[type].topic;
}
