import { api } from '../../api/endpoints';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/context';
import { noErrors, required } from '../../lib/messages';
import { navigate } from '../../lib/router';
import { useForm } from '../../lib/useForm';

type F = 'contactName' | 'password' | 'confirmPassword';

/** Opened from the invitation e-mail: `/invitations/accept?token=…`. */
export function AcceptInvitation({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const token = query.get('token') ?? '';
  const form = useForm<F>({ contactName: '', password: '', confirmPassword: '' });
  const labels = {
    contactName: t('accept.contactName'),
    password: t('accept.password'),
    confirmPassword: t('accept.confirmPassword'),
  };

  const check = (v: Record<F, string>) => {
    const errors = noErrors<F>();
    if (!v.contactName.trim()) errors.fields.contactName = required(i18n, labels.contactName);
    if (!v.password) errors.fields.password = required(i18n, labels.password);
    else if (v.password !== v.confirmPassword)
      errors.fields.confirmPassword = [{ text: t('errors.passwordMismatch') }];
    return errors;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void form.submit(
      check,
      async (v) => {
        await api.acceptInvitation(token, { contactName: v.contactName.trim(), password: v.password });
        navigate('/login?as=organisation&notice=accountCreated', { replace: true });
      },
      { 404: 'errors.status.410', 410: 'errors.status.410' },
    );
  };

  return (
    <Page title={t('accept.title')}>
      {!token ? (
        <Notice kind="error">
          <p>{t('link.missingToken')}</p>
        </Notice>
      ) : (
        <form class="card form" noValidate onSubmit={onSubmit} aria-labelledby="page-title">
          <FormAlert errors={form.errors} labels={labels} />
          <p>{t('accept.intro')}</p>
          <p class="hint">{t('common.requiredNote')}</p>
          <Field
            name="contactName"
            label={labels.contactName}
            value={form.values.contactName}
            onInput={form.set('contactName')}
            errors={form.errors.fields.contactName}
            required
            autoComplete="name"
          />
          <Field
            name="password"
            type="password"
            label={labels.password}
            value={form.values.password}
            onInput={form.set('password')}
            errors={form.errors.fields.password}
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
              {t('accept.submit')}
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}
