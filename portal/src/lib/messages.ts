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
};

/**
 * Turns a failed request into messages: the service's messages go next to the field they name
 * (or to the top of the form). The service writes English; in another locale the catalogue's
 * wording leads and the service's text follows, marked as English.
 */
export function describeError<F extends string>(
  error: unknown,
  ctx: { t: Translate; locale: Locale },
  fields: readonly F[] = [],
  overrides: Partial<Record<number, MessageKey>> = {},
): FormErrors<F> {
  const { t, locale } = ctx;
  if (error instanceof NetworkError) return { fields: {}, form: [{ text: t('errors.network') }] };
  if (!(error instanceof ApiError)) return { fields: {}, form: [{ text: t('errors.generic') }] };

  // A known error code is worded by the catalogue, in every language, next to its field if it has one.
  const codeKey = error.code ? `errors.code.${error.code}` : '';
  if (codeKey && codeKey in catalogues.en) {
    const message = [{ text: t(codeKey as MessageKey) }];
    const field = fields.find((f) => CODE_FIELDS[error.code ?? ''] === f);
    return field
      ? { fields: { [field]: message } as FormErrors<F>['fields'], form: [] }
      : { fields: {}, form: message };
  }

  const override = overrides[error.status];
  if (override) return { fields: {}, form: [{ text: t(override) }] };

  const split = splitMessages(error.messages, fields);
  const result: FormErrors<F> = { fields: {}, form: [] };
  for (const field of fields) {
    const messages = split.fields[field];
    if (!messages) continue;
    result.fields[field] =
      locale === 'en'
        ? messages.map((text) => ({ text }))
        : [{ text: t('errors.fieldInvalid') }, ...messages.map((text) => ({ text, lang: 'en' as const }))];
  }
  const statusText = t(STATUS_KEYS[error.status] ?? 'errors.generic');
  if (locale === 'en') {
    if (split.form.length > 0) result.form = split.form.map((text) => ({ text }));
    else if (!hasErrors(result)) result.form = [{ text: statusText }];
  } else if (split.form.length > 0 || !hasErrors(result)) {
    result.form = [{ text: statusText }, ...split.form.map((text) => ({ text, lang: 'en' as const }))];
  }
  return result;
}

/** Client-side checks, worded from the catalogue. */
export const isEmail = (value: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
export const isWebsite = (value: string): boolean => {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
};

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
