import { api } from '../api/endpoints';
import { Field } from '../components/Field';
import { FormAlert } from '../components/FormAlert';
import { Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { useI18n } from '../i18n/context';
import { noErrors, required } from '../lib/messages';
import { navigate } from '../lib/router';
import { useForm } from '../lib/useForm';

type F = 'newPassword' | 'confirmPassword';

/** Opened from the e-mailed link `/reset-password?token=…`, for candidates and organisation users alike. */
export function ResetPassword({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const token = query.get('token') ?? '';
  const form = useForm<F>({ newPassword: '', confirmPassword: '' });
  const labels = { newPassword: t('reset.newPassword'), confirmPassword: t('reset.confirmPassword') };

  const check = (v: Record<F, string>) => {
    const errors = noErrors<F>();
    if (!v.newPassword) errors.fields.newPassword = required(i18n, labels.newPassword);
    else if (v.newPassword !== v.confirmPassword)
      errors.fields.confirmPassword = [{ text: t('errors.passwordMismatch') }];
    return errors;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void form.submit(
      check,
      async (v) => {
        await api.confirmPasswordReset({ token, newPassword: v.newPassword });
        navigate('/login?notice=passwordChanged', { replace: true });
      },
      { 404: 'errors.status.410', 410: 'errors.status.410' },
    );
  };

  return (
    <Page title={t('reset.title')}>
      {!token ? (
        <Notice kind="error">
          <p>{t('link.missingToken')}</p>
        </Notice>
      ) : (
        <form class="card form" noValidate onSubmit={onSubmit} aria-labelledby="page-title">
          <FormAlert errors={form.errors} labels={labels} />
          <p>{t('reset.intro')}</p>
          <Field
            name="newPassword"
            type="password"
            label={labels.newPassword}
            value={form.values.newPassword}
            onInput={form.set('newPassword')}
            errors={form.errors.fields.newPassword}
            required
            autoComplete="new-password"
          />
          <Field
            name="confirmPassword"
            type="password"
            label={labels.confirmPassword}
            value={form.values.confirmPassword}
            onInput={form.set('confirmPassword')}
            errors={form.errors.fields.confirmPassword}
            required
            autoComplete="new-password"
          />
          <div class="actions">
            <button type="submit" class="button" disabled={form.busy}>
              {t('reset.submit')}
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}
