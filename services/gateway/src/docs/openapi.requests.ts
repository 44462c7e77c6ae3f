import type { JsonSchema, Operation, Schemas } from './openapi.types.js';

// The text policy every body and query string passes (libs/platform/src/http/text-policy.ts):
// no C0/C1 control characters, no bidi embeddings, overrides or isolates.
const TEXT_CHAR = '[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]';
const NON_BLANK_CHAR = '[^\\s\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]';
/** Any text the policy lets through. */
export const SAFE_TEXT_PATTERN = `^${TEXT_CHAR}*$`;
/** The same, with at least one character that is not white space (a service's `pattern: '\\S'`). */
export const NON_BLANK_TEXT_PATTERN = `^${TEXT_CHAR}*${NON_BLANK_CHAR}${TEXT_CHAR}*$`;

// What class-validator's IsEmail and IsUrl (http/https, with a top-level domain) accept, written
// as patterns a generator can follow: a subset of it, so that anything matching is accepted.
const LABEL = '[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?';
const HOST = `${LABEL}(\\.${LABEL}){0,3}\\.[A-Za-z]{2,12}`;
export const EMAIL_PATTERN = `^[A-Za-z0-9_%+-]{1,32}(\\.[A-Za-z0-9_%+-]{1,16}){0,2}@${HOST}$`;
export const WEB_ADDRESS_PATTERN = `^https?://${HOST}(/([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2}){0,40}){0,4}$`;

const NO_FINAL_NEWLINE = '(?!\\n)';

const refName = (ref: unknown): string | null => (typeof ref === 'string' && ref.startsWith('#/components/schemas/') ? ref.slice(21) : null);

/**
 * Tells the whole truth about what a request may carry: every object refuses unknown properties
 * (the services' validation pipe does), and every string is held to the platform's text policy.
 */
export class RequestSchemaCompleter {
  private readonly done = new Set<string>();

  constructor(private readonly schemas: Schemas) {}

  operation(operation: Operation): void {
    for (const parameter of operation.parameters ?? []) if (parameter.schema) this.schema(parameter.schema);
    for (const media of Object.values(operation.requestBody?.content ?? {})) if (media.schema) this.schema(media.schema);
  }

  private schema(schema: JsonSchema): void {
    const ref = refName(schema['$ref']);
    if (ref) {
      if (this.done.has(ref)) return;
      this.done.add(ref);
      const target = this.schemas[ref] as JsonSchema | undefined;
      if (target) this.schema(target);
      return;
    }
    this.inlineSingleRef(schema);
    if (schema['type'] === 'object' || schema['properties']) schema['additionalProperties'] ??= false;
    if (schema['type'] === 'string') this.text(schema);
    for (const child of Object.values((schema['properties'] as Record<string, JsonSchema> | undefined) ?? {})) this.schema(child);
    if (schema['items']) this.schema(schema['items'] as JsonSchema);
    for (const key of ['allOf', 'oneOf', 'anyOf']) for (const child of (schema[key] as JsonSchema[] | undefined) ?? []) this.schema(child);
  }

  /** `{allOf: [{$ref}], oneOf: [...]}` (how a DTO gets "exactly one of") becomes one flat schema. */
  private inlineSingleRef(schema: JsonSchema): void {
    const allOf = schema['allOf'] as JsonSchema[] | undefined;
    const ref = allOf?.length === 1 ? refName(allOf[0]['$ref']) : null;
    const target = ref ? (this.schemas[ref] as JsonSchema | undefined) : undefined;
    if (!target) return;
    delete schema['allOf'];
    for (const [key, value] of Object.entries(structuredClone(target))) schema[key] ??= value;
  }

  private text(schema: JsonSchema): void {
    // A format a generator reads as "any e-mail address" or "any URI" promises more than the validators take.
    if (schema['format'] === 'email' && schema['pattern'] === undefined) {
      delete schema['format'];
      schema['pattern'] = EMAIL_PATTERN;
    }
    if (schema['format'] === 'uri' && (schema['pattern'] === undefined || schema['pattern'] === '^https://')) {
      schema['pattern'] = schema['pattern'] === undefined ? WEB_ADDRESS_PATTERN : WEB_ADDRESS_PATTERN.replace('https?', 'https');
      delete schema['format'];
    }
    if (!schema['enum'] && !schema['format']) {
      if (schema['pattern'] === undefined) schema['pattern'] = SAFE_TEXT_PATTERN;
      else if (schema['pattern'] === '\\S') schema['pattern'] = NON_BLANK_TEXT_PATTERN;
    }
    // Python's `$` (the fuzzer's) also matches before a final newline, which no field takes.
    const pattern = schema['pattern'];
    if (typeof pattern === 'string' && pattern.endsWith('$')) schema['pattern'] = `${pattern}${NO_FINAL_NEWLINE}`;
  }
}
