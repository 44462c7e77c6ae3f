import { api } from '../api/endpoints';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { useI18n } from '../i18n/context';
import { noErrors, passwordProblem, required } from '../lib/messages';
import { navigate } from '../lib/router';
import { useForm } from '../lib/useForm';

type F = 'newPassword' | 'confirmPassword';

/** Opened from the e-mailed link `/reset-password?token=…`, for candidates and organisation users alike. */
export function ResetPassword({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const token = query.get('token') ?? '';
  const labels = { newPassword: t('reset.newPassword'), confirmPassword: t('reset.confirmPassword') };
  const form = useForm<F>({ newPassword: '', confirmPassword: '' }, labels);

  const check = (v: Record<F, string>) => {
    const errors = noErrors<F>();
    const password = passwordProblem(i18n, labels.newPassword, v.newPassword);
    if (password) errors.fields.newPassword = password;
    if (!v.confirmPassword) errors.fields.confirmPassword = required(i18n, labels.confirmPassword);
    else if (v.newPassword !== v.confirmPassword) errors.fields.confirmPassword = [{ text: t('errors.passwordMismatch') }];
    return errors;
  };

  const onSubmit = () => {
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
        <Form form={form} onSubmit={onSubmit} submitLabel={t('reset.submit')}>
          <p>{t('reset.intro')}</p>
          <Field
            {...form.field('newPassword')}
            type="password"
            hint={t('password.rule')}
            required
            autoComplete="new-password"
          />
          <Field {...form.field('confirmPassword')} type="password" required autoComplete="new-password" />
        </Form>
      )}
    </Page>
  );
}
