import { api } from '../api/endpoints';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { Link } from '../components/Link';
import { Page } from '../components/Page';
import { useI18n } from '../i18n/context';
import { isEmail, noErrors, passwordProblem, required } from '../lib/messages';
import { navigate } from '../lib/router';
import { useForm } from '../lib/useForm';

type F = 'idNumber' | 'secretNumber' | 'email' | 'password' | 'confirmPassword';

export function Register() {
  const i18n = useI18n();
  const { t } = i18n;
  const labels: Record<F, string> = {
    idNumber: t('login.idNumber'),
    secretNumber: t('register.secretNumber'),
    email: t('register.email'),
    password: t('register.password'),
    confirmPassword: t('register.confirmPassword'),
  };
  const form = useForm<F>(
    { idNumber: '', secretNumber: '', email: '', password: '', confirmPassword: '' },
    labels,
  );

  const check = (v: Record<F, string>) => {
    const errors = noErrors<F>();
    for (const f of ['idNumber', 'secretNumber', 'email'] as const) {
      if (!v[f].trim()) errors.fields[f] = required(i18n, labels[f]);
    }
    if (v.email.trim() && !isEmail(v.email)) errors.fields.email = [{ text: t('errors.email') }];
    const password = passwordProblem(i18n, labels.password, v.password);
    if (password) errors.fields.password = password;
    if (!v.confirmPassword) errors.fields.confirmPassword = required(i18n, labels.confirmPassword);
    else if (v.password !== v.confirmPassword) errors.fields.confirmPassword = [{ text: t('errors.passwordMismatch') }];
    return errors;
  };

  const onSubmit = () => {
    void form.submit(check, async (v) => {
      const idNumber = v.idNumber.trim();
      await api.register({
        idNumber,
        secretNumber: v.secretNumber.trim(),
        email: v.email.trim(),
        password: v.password,
      });
      navigate(`/login?notice=registered&idNumber=${encodeURIComponent(idNumber)}`, { replace: true });
    });
  };

  const field = (name: F, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field {...form.field(name)} required {...extra} />
  );

  return (
    <Page title={t('register.title')}>
      <p class="lead">{t('register.intro')}</p>
      <Form
        form={form}
        onSubmit={onSubmit}
        submitLabel={t('register.submit')}
        actions={<Link to="/login">{t('register.haveAccount')}</Link>}
      >
        <p class="hint">{t('common.requiredNote')}</p>
        {field('idNumber', { hint: t('login.idNumber.hint'), autoComplete: 'username', spellcheck: false })}
        {field('secretNumber', {
          hint: t('register.secretNumber.hint'),
          autoComplete: 'off',
          spellcheck: false,
        })}
        {field('email', {
          type: 'email',
          hint: t('register.email.hint'),
          autoComplete: 'email',
          inputMode: 'email',
          spellcheck: false,
        })}
        {field('password', {
          type: 'password',
          hint: `${t('password.rule')} ${t('register.password.hint')}`,
          autoComplete: 'new-password',
        })}
        {field('confirmPassword', { type: 'password', autoComplete: 'new-password' })}
      </Form>
    </Page>
  );
}
