import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { isLocale, translate, translatePlural, type Locale, type Translate } from './catalogues';
import { cefrWording } from '../../../libs/contracts/src/http/statement.js';
import { formatCountry, formatDate, formatDateTime, formatNumber } from './format';

const STORAGE_KEY = 'portal.locale';

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  plural(base: string, count: number, params?: Record<string, string | number>): string;
  date(value: string | null | undefined): string;
  dateTime(value: string | null | undefined): string;
  number(value: number | null | undefined): string;
  country(value: string | null | undefined): string;
  /** A CEFR level in the guide's words ("Council of Europe Level B2"), in the portal's language. */
  cefr(value: string): string;
}

export function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage may be unavailable (privacy mode); fall back to the browser's language.
  }
  return navigator.language?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  // Set during render, before any screen's first request: the API client sends it as Accept-Language
  // (e-mails the request causes are written in it).
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still applies to this page.
    }
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      plural: (base, count, params) => translatePlural(locale, base, count, params),
      date: (v) => formatDate(locale, v),
      dateTime: (v) => formatDateTime(locale, v),
      number: (v) => formatNumber(locale, v),
      country: (v) => formatCountry(locale, v),
      // The statement's wording too (one function for both).
      cefr: (v) => cefrWording(v, locale),
    }),
    [locale, setLocale],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
