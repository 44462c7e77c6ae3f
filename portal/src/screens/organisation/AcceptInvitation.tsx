import { api } from '../../api/endpoints';
import { Field } from '../../components/Field';
import { Form } from '../../components/Form';
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
  const labels = {
    contactName: t('accept.contactName'),
    password: t('accept.password'),
    confirmPassword: t('accept.confirmPassword'),
  };
  const form = useForm<F>({ contactName: '', password: '', confirmPassword: '' }, labels);

  const check = (v: Record<F, string>) => {
    const errors = noErrors<F>();
    if (!v.contactName.trim()) errors.fields.contactName = required(i18n, labels.contactName);
    if (!v.password) errors.fields.password = required(i18n, labels.password);
    else if (v.password !== v.confirmPassword)
      errors.fields.confirmPassword = [{ text: t('errors.passwordMismatch') }];
    return errors;
  };

  const onSubmit = () => {
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
        <Form form={form} onSubmit={onSubmit} submitLabel={t('accept.submit')}>
          <p>{t('accept.intro')}</p>
          <p class="hint">{t('common.requiredNote')}</p>
          <Field {...form.field('contactName')} required autoComplete="name" />
          <Field {...form.field('password')} type="password" required autoComplete="new-password" />
          <Field {...form.field('confirmPassword')} type="password" required autoComplete="new-password" />
        </Form>
      )}
    </Page>
  );
}
