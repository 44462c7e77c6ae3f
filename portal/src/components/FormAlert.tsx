import { useI18n } from '../i18n/context';
import type { FormErrors } from '../lib/messages';

interface Props<F extends string> {
  errors: FormErrors<F>;
  labels: Partial<Record<F, string>>;
}

/** The error summary at the top of a form: form-wide messages, then links to each field in error. */
export function FormAlert<F extends string>({ errors, labels }: Props<F>) {
  const { t } = useI18n();
  const fieldEntries = (Object.keys(errors.fields) as F[]).filter((f) => errors.fields[f]?.length);
  if (errors.form.length === 0 && fieldEntries.length === 0) return null;
  return (
    <div
      id="form-alert"
      class="alert alert--error"
      role="alert"
      tabIndex={-1}
      aria-labelledby="form-alert-title"
    >
      <h2 id="form-alert-title" class="alert__title">
        {t('errors.summary')}
      </h2>
      <ul class="alert__list">
        {errors.form.map((m, i) => (
          <li key={`form-${i}`} lang={m.lang}>
            {m.lang && <span class="visually-hidden">{t('errors.serverDetail')} </span>}
            {m.text}
          </li>
        ))}
        {fieldEntries.map((field) => (
          <li key={field}>
            <a
              href={`#field-${field}`}
              onClick={(e) => {
                e.preventDefault();
                document.getElementById(`field-${field}`)?.focus();
              }}
            >
              {labels[field] ?? field}: {errors.fields[field]?.[0]?.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
