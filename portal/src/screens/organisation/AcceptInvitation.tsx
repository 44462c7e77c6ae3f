import { api } from '../../api/endpoints';
import { Field } from '../../components/Field';
import { Form } from '../../components/Form';
import { LoadState } from '../../components/LoadState';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/context';
import { describeError, noErrors, passwordProblem, required } from '../../lib/messages';
import { navigate } from '../../lib/router';
import { useForm } from '../../lib/useForm';
import { useResource } from '../../lib/useResource';

type F = 'contactName' | 'password' | 'confirmPassword';

/** Opened from the invitation e-mail: `/invitations/accept?token=…`; says which organisation and address were invited. */
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
  const invitation = useResource(
    (signal) => (token ? api.previewInvitation(token, signal) : Promise.resolve(null)),
    [token],
  );

  const check = (v: Record<F, string>) => {
    const errors = noErrors<F>();
    if (!v.contactName.trim()) errors.fields.contactName = required(i18n, labels.contactName);
    const password = passwordProblem(i18n, labels.password, v.password);
    if (password) errors.fields.password = password;
    if (!v.confirmPassword) errors.fields.confirmPassword = required(i18n, labels.confirmPassword);
    else if (v.password !== v.confirmPassword) errors.fields.confirmPassword = [{ text: t('errors.passwordMismatch') }];
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

  const preview = invitation.data;
  return (
    <Page title={t('accept.title')}>
      {!token ? (
        <Notice kind="error">
          <p>{t('link.missingToken')}</p>
        </Notice>
      ) : invitation.error ? (
        <Notice kind="error" live>
          {describeError(invitation.error, i18n, [], { 404: 'errors.code.INVITATION.NOT_VALID' }).form.map((m, i) => (
            <p key={i}>{m.text}</p>
          ))}
        </Notice>
      ) : !preview ? (
        <div class="reserve reserve--form">
          <LoadState loading error={null} retry={invitation.reload} />
        </div>
      ) : (
        <Form form={form} onSubmit={onSubmit} submitLabel={t('accept.submit')}>
          <p>{t('accept.intro')}</p>
          <dl class="result__summary invitation-summary">
            <div>
              <dt>{t('accept.organisation')}</dt>
              <dd>{preview.organisationName}</dd>
            </div>
            <div>
              <dt>{t('accept.email')}</dt>
              <dd class="breakable">{preview.email}</dd>
            </div>
          </dl>
          <p>{t('accept.invited', { organisation: preview.organisationName, email: preview.email })}</p>
          <p class="hint">{t('accept.validUntil', { date: i18n.dateTime(preview.expiresAt) })}</p>
          <p class="hint">{t('common.requiredNote')}</p>
          <Field {...form.field('contactName')} required autoComplete="name" />
          <Field
            {...form.field('password')}
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
