import { useState } from 'preact/hooks';
import { api } from '../api/endpoints';
import { Field } from '../components/Field';
import { FormAlert } from '../components/FormAlert';
import { Link } from '../components/Link';
import { Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { useI18n } from '../i18n/context';
import { isEmail, noErrors, required } from '../lib/messages';
import { useForm } from '../lib/useForm';

type F = 'idNumber' | 'email';

/** Asks for a reset link by ID Number (candidate) or e-mail (organisation user). */
export function ForgotPassword({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const organisation = query.get('as') === 'organisation';
  const form = useForm<F>({ idNumber: '', email: '' });
  const [sent, setSent] = useState(false);
  const labels = { idNumber: t('login.idNumber'), email: t('login.email') };

  const check = (v: Record<F, string>) => {
    const errors = noErrors<F>();
    if (!organisation && !v.idNumber.trim()) errors.fields.idNumber = required(i18n, labels.idNumber);
    if (organisation && !isEmail(v.email)) {
      errors.fields.email = v.email.trim() ? [{ text: t('errors.email') }] : required(i18n, labels.email);
    }
    return errors;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void form.submit(check, async (v) => {
      await api.requestPasswordReset(
        organisation ? { email: v.email.trim() } : { idNumber: v.idNumber.trim() },
      );
      setSent(true);
    });
  };

  return (
    <Page title={t('forgot.title')}>
      {sent ? (
        <Notice kind="success" live>
          <p>{t('forgot.sent')}</p>
        </Notice>
      ) : (
        <form class="card form" noValidate onSubmit={onSubmit} aria-labelledby="page-title">
          <FormAlert errors={form.errors} labels={labels} />
          <p>{t(organisation ? 'forgot.intro.organisation' : 'forgot.intro.candidate')}</p>
          {organisation ? (
            <Field
              name="email"
              type="email"
              label={labels.email}
              value={form.values.email}
              onInput={form.set('email')}
              errors={form.errors.fields.email}
              required
              autoComplete="username"
              inputMode="email"
              spellcheck={false}
            />
          ) : (
            <Field
              name="idNumber"
              label={labels.idNumber}
              hint={t('login.idNumber.hint')}
              value={form.values.idNumber}
              onInput={form.set('idNumber')}
              errors={form.errors.fields.idNumber}
              required
              autoComplete="username"
              spellcheck={false}
            />
          )}
          <div class="actions">
            <button type="submit" class="button" disabled={form.busy}>
              {t('forgot.submit')}
            </button>
          </div>
        </form>
      )}
      <p>
        <Link to={organisation ? '/login?as=organisation' : '/login'}>{t('forgot.back')}</Link>
      </p>
    </Page>
  );
}
