import { ApiError, NetworkError, splitMessages } from '../api/errors';
import { catalogues, type Locale, type MessageKey, type Translate } from '../i18n/catalogues';

/** A message to show; `lang` marks text that came from the service in English. */
export interface Message {
  text: string;
  lang?: 'en';
}

export interface FormErrors<F extends string> {
  fields: Partial<Record<F, Message[]>>;
  form: Message[];
}

export const noErrors = <F extends string>(): FormErrors<F> => ({ fields: {}, form: [] });

export function hasErrors<F extends string>(errors: FormErrors<F>): boolean {
  return errors.form.length > 0 || Object.values(errors.fields).some((m) => Array.isArray(m) && m.length > 0);
}

/** Error codes that concern one field of the form they come from. */
const CODE_FIELDS: Record<string, string> = {
  'ACCOUNT.EMAIL_TAKEN': 'email',
  'INVITATION.BAD_WEBSITE': 'website',
  'PAGE.INVALID_DATE': 'from',
};

const STATUS_KEYS: Record<number, MessageKey> = {
  400: 'errors.status.400',
  401: 'errors.status.401',
  403: 'errors.status.403',
  404: 'errors.status.404',
  409: 'errors.status.409',
  410: 'errors.status.410',
  422: 'errors.status.422',
  429: 'errors.status.429',
  500: 'errors.status.500',
  503: 'errors.status.503',
};

/** Codes the framework gives by status alone: a screen's own wording for that status is better. */
const GENERIC_CODES = new Set(['ROUTE.NOT_FOUND', 'REQUEST.REFUSED', 'AUTH.UNAUTHENTICATED', 'AUTH.FORBIDDEN', 'SERVER.ERROR']);

/** What to say next to a field the API refused (its validation names the field first). */
const FIELD_KEYS: Record<string, MessageKey> = {
  email: 'errors.email',
  website: 'errors.url',
  password: 'errors.password.length',
  newPassword: 'errors.password.length',
  idNumber: 'errors.idNumber',
  secretNumber: 'errors.secretNumber',
  dateOfBirth: 'errors.date',
  code: 'errors.code',
};

/** The catalogue entry for an API error code, if it has one. */
export function codeKey(code: string | null): MessageKey | null {
  const key = code ? `errors.code.${code}` : '';
  return key && key in catalogues.en ? (key as MessageKey) : null;
}

const statusKey = (status: number): MessageKey =>
  STATUS_KEYS[status] ?? (status === 502 || status === 504 ? 'errors.status.503' : status >= 500 ? 'errors.status.500' : 'errors.generic');

/**
 * Turns a failed request into messages, always from the catalogue (the API's own English text
 * never reaches the screen): a known error code has its entry, next to its field when it has one;
 * a validation answer marks each field it names; anything else is worded by its status.
 */
export function describeError<F extends string>(
  error: unknown,
  ctx: { t: Translate; locale: Locale },
  fields: readonly F[] = [],
  overrides: Partial<Record<number, MessageKey>> = {},
): FormErrors<F> {
  const { t } = ctx;
  if (error instanceof NetworkError) return { fields: {}, form: [{ text: t('errors.network') }] };
  if (!(error instanceof ApiError)) return { fields: {}, form: [{ text: t('errors.generic') }] };

  const known = codeKey(error.code);
  const validation = error.code === 'REQUEST.INVALID' || (!error.code && error.status === 400);
  // A specific code says more than the screen's wording for its status; a generic one says less.
  const override = overrides[error.status];
  if (known && !validation && !(override && GENERIC_CODES.has(error.code ?? ''))) {
    const message = [{ text: t(known) }];
    const field = fields.find((f) => CODE_FIELDS[error.code ?? ''] === f);
    return field
      ? { fields: { [field]: message } as FormErrors<F>['fields'], form: [] }
      : { fields: {}, form: message };
  }
  if (override) return { fields: {}, form: [{ text: t(override) }] };
  if (!validation) return { fields: {}, form: [{ text: t(known ?? statusKey(error.status)) }] };

  const split = splitMessages(error.messages, fields);
  const result: FormErrors<F> = { fields: {}, form: [] };
  for (const field of fields) {
    if (split.fields[field]) result.fields[field] = [{ text: t(FIELD_KEYS[field] ?? 'errors.fieldInvalid') }];
  }
  if (split.form.length > 0 || !hasErrors(result)) result.form = [{ text: t(statusKey(error.status)) }];
  return result;
}

/** Client-side checks, worded from the catalogue. */
export const isEmail = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
/** What people type for a website ("www.example.ac.jp", "example.org/admissions"), with https:// added when it has no scheme. */
export const withScheme = (value: string): string => {
  const trimmed = value.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
};
export const isWebsite = (value: string): boolean => {
  try {
    const url = new URL(withScheme(value));
    const labels = url.hostname.split('.');
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      labels.length >= 2 &&
      labels.every((l) => /^[a-z0-9-]+$/i.test(l) || /^xn--/.test(l)) &&
      /^[a-z]{2,}$|^xn--/i.test(labels[labels.length - 1] ?? '')
    );
  } catch {
    return false;
  }
};
/** The host without "www.", as the directory de-duplicates invitations by it. */
export const websiteDomain = (value: string): string => {
  try {
    return new URL(withScheme(value)).hostname.replace(/^www\./, '');
  } catch {
    return value.trim();
  }
};

/** The portal's password rule (the identity service's: 10 to 200 characters), checked before sending. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
export function passwordProblem(ctx: { t: Translate; locale: Locale }, label: string, value: string): Message[] | undefined {
  if (!value) return required(ctx, label);
  if ([...value].length < PASSWORD_MIN) return [{ text: ctx.t('errors.password.short') }];
  if ([...value].length > PASSWORD_MAX) return [{ text: ctx.t('errors.password.long') }];
  return undefined;
}

/** In English a plain label reads better in lower case mid-sentence ("Enter your password"); names such as "ID Number" keep theirs. */
export function labelInSentence(locale: Locale, label: string): string {
  if (locale !== 'en' || !/^[A-Z][a-z'-]/.test(label) || /\s[A-Z]/.test(label)) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** "Enter your …" next to an empty required field. */
export function required(
  ctx: { t: Translate; locale: Locale },
  label: string,
  key: 'errors.required' | 'errors.requiredChoice' = 'errors.required',
): Message[] {
  return [{ text: ctx.t(key, { field: labelInSentence(ctx.locale, label) }) }];
}
