import { DomainError } from '#libs/domain';

// C0 and C1 controls (tab and newline included: no field takes them), and the bidi embeddings,
// overrides and isolates that can make a name read differently from what it is.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

/** `String.prototype.isWellFormed` (Node.js 20; not yet in the ES2023 lib). */
const isWellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

const refuse = (code: string, message: string) => new DomainError('invalid', `TEXT.${code}`, message);

/**
 * One string from a client, checked and normalised to NFC: well-formed Unicode (no lone
 * surrogate), no control characters, no bidi override characters. `field` names it in the message.
 */
export function policedText(value: string, field: string): string {
  if (!isWellFormed(value))
    throw refuse('MALFORMED', `${field} must be well-formed Unicode text (it contains a lone surrogate)`);
  if (CONTROL.test(value)) throw refuse('CONTROL_CHARACTER', `${field} must not contain control characters`);
  if (BIDI.test(value))
    throw refuse('BIDI_CHARACTER', `${field} must not contain bidirectional override or isolate characters`);
  return value.normalize('NFC');
}

/**
 * Every string of a parsed JSON value or query (object keys too), checked and normalised; returns
 * the normalised value. Bodies reach it depth-limited (json-body.parser.ts), so recursion is bounded.
 */
export function policedValue(value: unknown, field = 'body'): unknown {
  if (typeof value === 'string') return policedText(value, field);
  if (Array.isArray(value)) return value.map((item, i) => policedValue(item, `${field}[${i}]`));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(value) as object | null) as Record<
    string,
    unknown
  >;
  for (const [key, item] of Object.entries(value)) {
    const name = field === 'body' || field === 'query' ? key : `${field}.${key}`;
    policedText(key, `a property name in ${field}`);
    out[key] = policedValue(item, name);
  }
  return out;
}
