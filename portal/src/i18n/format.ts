import type { Locale } from './catalogues';

/** The portal's languages as Intl locales: British English (the exam board's) and Japanese. */
const INTL: Record<Locale, string> = { en: 'en-GB', ja: 'ja-JP' };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function toDate(value: string | number | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A calendar date (exam date, date of birth). Date-only strings are not shifted by time zone. */
export function formatDate(locale: Locale, value: string | null | undefined): string {
  if (!value) return '';
  const dateOnly = DATE_ONLY.test(value);
  const date = toDate(dateOnly ? `${value}T00:00:00Z` : value);
  if (!date) return value;
  return new Intl.DateTimeFormat(INTL[locale], {
    dateStyle: 'long',
    ...(dateOnly ? { timeZone: 'UTC' } : {}),
  }).format(date);
}

/** A moment (shared at, read at), in the browser's time zone. */
export function formatDateTime(locale: Locale, value: string | null | undefined): string {
  if (!value) return '';
  const date = toDate(value);
  if (!date) return value;
  return new Intl.DateTimeFormat(INTL[locale], { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatNumber(locale: Locale, value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return new Intl.NumberFormat(INTL[locale]).format(value);
}

/** Country codes (ISO 3166 alpha-2) become localised names; anything else is shown as given. */
export function formatCountry(locale: Locale, value: string | null | undefined): string {
  if (!value) return '';
  if (!/^[A-Za-z]{2}$/.test(value)) return value;
  try {
    return new Intl.DisplayNames([INTL[locale]], { type: 'region' }).of(value.toUpperCase()) ?? value;
  } catch {
    return value;
  }
}
