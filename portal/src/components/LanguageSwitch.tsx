import { useI18n } from '../i18n/context';
import { locales } from '../i18n/catalogues';

/** English / 日本語: each name written in its own language, the current one marked pressed. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div class="lang-switch" role="group" aria-label={t('lang.label')}>
      {locales.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          class="lang-switch__button"
          aria-pressed={l === locale ? 'true' : 'false'}
          onClick={() => setLocale(l)}
        >
          {t(l === 'en' ? 'lang.en' : 'lang.ja')}
        </button>
      ))}
    </div>
  );
}
