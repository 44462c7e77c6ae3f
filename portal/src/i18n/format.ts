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

/** ISO 3166 names (as the directory's data spells them) that CLDR's English names do not match. */
const NAME_ALIASES: Record<string, string> = {
  'bolivia, plurinational state of': 'BO',
  'brunei darussalam': 'BN',
  myanmar: 'MM',
  'congo, the democratic republic of the': 'CD',
  congo: 'CG',
  "cote d'ivoire": 'CI',
  'czech republic': 'CZ',
  'holy see (vatican city state)': 'VA',
  'hong kong': 'HK',
  "korea, democratic people's republic of": 'KP',
  'korea, republic of': 'KR',
  "lao people's democratic republic": 'LA',
  macao: 'MO',
  'moldova, republic of': 'MD',
  'palestine, state of': 'PS',
  'russian federation': 'RU',
  'saint kitts and nevis': 'KN',
  'saint lucia': 'LC',
  'saint vincent and the grenadines': 'VC',
  swaziland: 'SZ',
  'syrian arab republic': 'SY',
  'taiwan, province of china': 'TW',
  'tanzania, united republic of': 'TZ',
  turkiye: 'TR',
  'venezuela, bolivarian republic of': 'VE',
  'viet nam': 'VN',
  'virgin islands, british': 'VG',
  'united states of america': 'US',
  uk: 'GB',
  usa: 'US',
};

const fold = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s*&\s*/g, ' and ')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

let englishNames: Map<string, string> | null = null;

/** The region code of an English country name ("Japan" → "JP"), or null. */
export function regionCodeOf(name: string): string | null {
  if (/^[A-Za-z]{2}$/.test(name)) return name.toUpperCase();
  if (!englishNames) {
    englishNames = new Map(Object.entries(NAME_ALIASES));
    try {
      const names = new Intl.DisplayNames(['en'], { type: 'region' });
      for (let a = 65; a <= 90; a += 1) {
        for (let b = 65; b <= 90; b += 1) {
          const code = String.fromCharCode(a, b);
          const english = names.of(code);
          if (english && english !== code && !englishNames.has(fold(english))) englishNames.set(fold(english), code);
        }
      }
    } catch {
      // No region names in this browser: names are shown as given.
    }
  }
  return englishNames.get(fold(name)) ?? null;
}

/** A country (ISO 3166 alpha-2 code or English name, as the directory gives it) named in the portal's language. */
export function formatCountry(locale: Locale, value: string | null | undefined): string {
  if (!value) return '';
  const code = regionCodeOf(value);
  if (!code) return value;
  try {
    return new Intl.DisplayNames([INTL[locale]], { type: 'region' }).of(code) ?? value;
  } catch {
    return value;
  }
}

