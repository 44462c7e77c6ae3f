import { logIn } from '../api/client';
import type { Role } from '../api/session';
import { Field } from '../components/Field';
import { Form } from '../components/Form';
import { Link } from '../components/Link';
import { Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/catalogues';
import { isEmail, noErrors, required } from '../lib/messages';
import { navigate } from '../lib/router';
import { useForm } from '../lib/useForm';
import { useState } from 'preact/hooks';

type F = 'idNumber' | 'email' | 'password';

const NOTICES: Record<string, MessageKey> = {
  registered: 'login.registered',
  passwordChanged: 'login.passwordChanged',
  accountCreated: 'login.accountCreated',
  expired: 'session.expired',
};

const ROLE_KEY = 'portal.role';

/** The last role chosen in this browser, so a reset link opened later lands on the right form. */
function rememberedRole(query: URLSearchParams): Role {
  const asked = query.get('as');
  if (asked === 'organisation' || asked === 'candidate') return asked;
  try {
    return localStorage.getItem(ROLE_KEY) === 'organisation' ? 'organisation' : 'candidate';
  } catch {
    return 'candidate';
  }
}

function rememberRole(role: Role): void {
  try {
    localStorage.setItem(ROLE_KEY, role);
  } catch {
    // Not remembered; the toggle still works.
  }
}

export function Login({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [role, setRole] = useState<Role>(() => rememberedRole(query));
  const labels = { idNumber: t('login.idNumber'), email: t('login.email'), password: t('login.password') };
  const form = useForm<F>({ idNumber: query.get('idNumber') ?? '', email: '', password: '' }, labels);
  const notice = NOTICES[query.get('notice') ?? ''];

  const check = (v: Record<F, string>) => {
    const errors = noErrors<F>();
    if (role === 'candidate' && !v.idNumber.trim()) errors.fields.idNumber = required(i18n, labels.idNumber);
    if (role === 'organisation' && !isEmail(v.email)) {
      errors.fields.email = v.email.trim() ? [{ text: t('errors.email') }] : required(i18n, labels.email);
    }
    if (!v.password) errors.fields.password = required(i18n, labels.password);
    return errors;
  };

  const onSubmit = () => {
    void form.submit(
      check,
      async (v) => {
        const id = role === 'candidate' ? { idNumber: v.idNumber.trim() } : { email: v.email.trim() };
        await logIn(role, { ...id, password: v.password });
        navigate(role === 'candidate' ? '/results' : '/inbox', { replace: true });
      },
      { 401: 'login.error.invalid' },
    );
  };

  const switchRole = (next: Role) => {
    setRole(next);
    rememberRole(next);
    form.setErrors(noErrors());
  };

  return (
    <Page title={t('login.title')}>
      {notice && (
        <Notice kind={notice === 'session.expired' ? 'warning' : 'success'} live>
          <p>{t(notice)}</p>
        </Notice>
      )}
      <div class="columns">
        <Form
          form={form}
          onSubmit={onSubmit}
          submitLabel={t('login.submit')}
          actions={<Link to={`/forgot-password?as=${role}`}>{t('login.forgotten')}</Link>}
        >
          <fieldset class="toggle">
            <legend>{t('login.role.legend')}</legend>
            {(['candidate', 'organisation'] as const).map((r) => (
              <label key={r} class="toggle__option">
                <input
                  type="radio"
                  name="role"
                  value={r}
                  checked={role === r}
                  onChange={() => switchRole(r)}
                />
                <span>{t(r === 'candidate' ? 'login.role.candidate' : 'login.role.organisation')}</span>
              </label>
            ))}
          </fieldset>
          <p class="hint">{t('common.requiredNote')}</p>
          {role === 'candidate' ? (
            <Field
              {...form.field('idNumber')}
              hint={t('login.idNumber.hint')}
              required
              autoComplete="username"
              spellcheck={false}
            />
          ) : (
            <Field
              {...form.field('email')}
              type="email"
              required
              autoComplete="username"
              inputMode="email"
              spellcheck={false}
            />
          )}
          <Field
            {...form.field('password')}
            type="password"
            hint={t(role === 'candidate' ? 'login.password.hint' : 'login.password.hintOrganisation')}
            required
            autoComplete="current-password"
          />
        </Form>
        {role === 'candidate' && (
          <aside class="card" aria-labelledby="register-title">
            <h2 id="register-title">{t('login.register.title')}</h2>
            <p>{t('login.register.intro')}</p>
            <Link to="/register" class="button button--secondary">
              {t('login.register.link')}
            </Link>
          </aside>
        )}
      </div>
    </Page>
  );
}
