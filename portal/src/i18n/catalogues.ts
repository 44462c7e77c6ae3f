import en from './en.json';
import ja from './ja.json';

export type Locale = 'en' | 'ja';
export type MessageKey = keyof typeof en;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

/** Both catalogues must carry every key (checked here by the compiler and by a unit test). */
export const catalogues: Record<Locale, Record<MessageKey, string>> = { en, ja };
export const locales: readonly Locale[] = ['en', 'ja'];

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'ja';
}

/** Looks a key up and fills `{name}` placeholders; numbers are formatted for the locale. */
export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  const template = catalogues[locale][key] ?? catalogues.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}

/** A plural-aware lookup: `base.one`, `base.other` (and any other CLDR category present). */
export function translatePlural(locale: Locale, base: string, count: number, params: Params = {}): string {
  const category = new Intl.PluralRules(locale).select(count);
  const candidates = [`${base}.${category}`, `${base}.other`];
  const key = candidates.find((k): k is MessageKey => k in catalogues[locale]);
  return key ? translate(locale, key, { count, ...params }) : String(count);
}
