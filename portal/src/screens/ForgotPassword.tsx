import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/endpoints';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
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
  const labels = { idNumber: t('login.idNumber'), email: t('login.email') };
  const form = useForm<F>({ idNumber: '', email: '' }, labels);
  const [sent, setSent] = useState(false);
  // The form goes away when the link is sent: the keyboard focus moves to the message that replaces it.
  useEffect(() => {
    if (sent) document.getElementById('forgot-sent')?.focus();
  }, [sent]);

  const check = (v: Record<F, string>) => {
    const errors = noErrors<F>();
    if (!organisation && !v.idNumber.trim()) errors.fields.idNumber = required(i18n, labels.idNumber);
    if (organisation && !isEmail(v.email)) {
      errors.fields.email = v.email.trim() ? [{ text: t('errors.email') }] : required(i18n, labels.email);
    }
    return errors;
  };

  const onSubmit = () => {
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
        <Notice kind="success" id="forgot-sent" live>
          <p>{t('forgot.sent')}</p>
        </Notice>
      ) : (
        <Form form={form} onSubmit={onSubmit} submitLabel={t('forgot.submit')}>
          <p>{t(organisation ? 'forgot.intro.organisation' : 'forgot.intro.candidate')}</p>
          {organisation ? (
            <Field
              {...form.field('email')}
              type="email"
              required
              autoComplete="username"
              inputMode="email"
              spellcheck={false}
            />
          ) : (
            <Field
              {...form.field('idNumber')}
              hint={t('login.idNumber.hint')}
              required
              autoComplete="username"
              spellcheck={false}
            />
          )}
        </Form>
      )}
      <p>
        <Link to={organisation ? '/login?as=organisation' : '/login'}>{t('forgot.back')}</Link>
      </p>
    </Page>
  );
}
