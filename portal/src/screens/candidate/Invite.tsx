import { useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import { Field } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Link } from '../../components/Link';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/context';
import { isEmail, isWebsite, noErrors, required } from '../../lib/messages';
import { useForm } from '../../lib/useForm';

type F = 'organisationName' | 'email' | 'website';

/** "Can't see the organisation you are looking for?": invite it to create an account. */
export function Invite({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const form = useForm<F>({ organisationName: query.get('name') ?? '', email: '', website: '' });
  const [invited, setInvited] = useState<string | null>(null);
  const labels = {
    organisationName: t('invite.organisationName'),
    email: t('invite.email'),
    website: t('invite.website'),
  };

  const check = (v: Record<F, string>) => {
    const errors = noErrors<F>();
    for (const f of ['organisationName', 'email', 'website'] as const) {
      if (!v[f].trim()) errors.fields[f] = required(i18n, labels[f], 'errors.requiredChoice');
    }
    if (v.email.trim() && !isEmail(v.email)) errors.fields.email = [{ text: t('errors.email') }];
    if (v.website.trim() && !isWebsite(v.website)) errors.fields.website = [{ text: t('errors.url') }];
    return errors;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void form.submit(check, async (v) => {
      const organisationName = v.organisationName.trim();
      await api.invite({ organisationName, email: v.email.trim(), website: v.website.trim() });
      setInvited(organisationName);
      form.setValues({ organisationName: '', email: '', website: '' });
    });
  };

  return (
    <Page title={t('invite.title')}>
      <p>{t('invite.intro')}</p>
      {invited && (
        <Notice kind="success" live>
          <p>{t('invite.sent', { organisation: invited })}</p>
        </Notice>
      )}
      <form class="card form" noValidate onSubmit={onSubmit} aria-labelledby="page-title">
        <FormAlert errors={form.errors} labels={labels} />
        <p class="hint">{t('common.requiredNote')}</p>
        <Field
          name="organisationName"
          label={labels.organisationName}
          value={form.values.organisationName}
          onInput={form.set('organisationName')}
          errors={form.errors.fields.organisationName}
          required
          autoComplete="organization"
        />
        <Field
          name="email"
          type="email"
          label={labels.email}
          value={form.values.email}
          onInput={form.set('email')}
          errors={form.errors.fields.email}
          required
          autoComplete="off"
          inputMode="email"
          spellcheck={false}
        />
        <Field
          name="website"
          type="url"
          label={labels.website}
          hint={t('invite.website.hint')}
          value={form.values.website}
          onInput={form.set('website')}
          errors={form.errors.fields.website}
          required
          autoComplete="url"
          inputMode="url"
          spellcheck={false}
        />
        <div class="actions">
          <Link to="/send" class="button button--secondary">
            {t('invite.back')}
          </Link>
          <button type="submit" class="button" disabled={form.busy}>
            {t('invite.submit')}
          </button>
        </div>
      </form>
    </Page>
  );
}
