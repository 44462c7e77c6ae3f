import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import type { Result } from '../../api/types';
import { Field } from '../../components/Field';
import { Form } from '../../components/Form';
import { Link } from '../../components/Link';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/context';
import { isEmail, isWebsite, noErrors, required, websiteDomain, withScheme } from '../../lib/messages';
import { useForm } from '../../lib/useForm';
import { useResource } from '../../lib/useResource';
import { AttachToInvitation } from './AttachToInvitation';

type F = 'organisationName' | 'email' | 'website';

/** "Can't see the organisation you are looking for?": invite it to create an account. */
export function Invite({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const labels = {
    organisationName: t('invite.organisationName'),
    email: t('invite.email'),
    website: t('invite.website'),
  };
  const form = useForm<F>({ organisationName: query.get('name') ?? '', email: '', website: '' }, labels);
  const [invited, setInvited] = useState<{
    organisation: string;
    domain: string;
    already: boolean;
    at: number;
    invitationId: string;
  } | null>(null);
  // The results that can be attached to the invitation (a withdrawn one cannot be sent).
  const results = useResource((signal): Promise<Result[]> => api.myResults(signal), []);
  const sendable = (results.data ?? []).filter((r) => !r.withdrawnAt);
  // After a send the keyboard focus goes to the message saying what happened (the form is emptied).
  useEffect(() => {
    if (invited) document.getElementById('invite-result')?.focus();
  }, [invited]);

  const check = (v: Record<F, string>) => {
    const errors = noErrors<F>();
    for (const f of ['organisationName', 'email', 'website'] as const) {
      if (!v[f].trim()) errors.fields[f] = required(i18n, labels[f], 'errors.requiredChoice');
    }
    if (v.email.trim() && !isEmail(v.email)) errors.fields.email = [{ text: t('errors.email') }];
    if (v.website.trim() && !isWebsite(v.website)) errors.fields.website = [{ text: t('errors.url') }];
    return errors;
  };

  const onSubmit = () => {
    void form.submit(check, async (v) => {
      const organisationName = v.organisationName.trim();
      const website = withScheme(v.website);
      const answer = await api.invite({ organisationName, email: v.email.trim(), website });
      setInvited({
        organisation: organisationName,
        domain: websiteDomain(website),
        already: answer.alreadyInvited === true,
        at: Date.now(),
        invitationId: answer.invitationId,
      });
      form.setValues({ organisationName: '', email: '', website: '' });
    });
  };

  return (
    <Page title={t('invite.title')}>
      <p>{t('invite.intro')}</p>
      {invited && (
        <Notice key={invited.at} kind={invited.already ? 'info' : 'success'} id="invite-result" live>
          <p>
            {invited.already
              ? t('invite.alreadyInvited', { domain: invited.domain })
              : t('invite.sent', { organisation: invited.organisation })}
          </p>
        </Notice>
      )}
      {invited?.invitationId && sendable.length > 0 && (
        <AttachToInvitation
          key={invited.at}
          invitationId={invited.invitationId}
          organisation={invited.organisation}
          results={sendable}
        />
      )}
      <Form
        form={form}
        onSubmit={onSubmit}
        submitLabel={t('invite.submit')}
        actionsFirst
        actions={
          <Link to="/send" class="button button--secondary">
            {t('invite.back')}
          </Link>
        }
      >
        <p class="hint">{t('common.requiredNote')}</p>
        <Field {...form.field('organisationName')} required autoComplete="organization" />
        <Field
          {...form.field('email')}
          type="email"
          required
          autoComplete="off"
          inputMode="email"
          spellcheck={false}
        />
        <Field
          {...form.field('website')}
          hint={t('invite.website.hint')}
          required
          autoComplete="url"
          inputMode="url"
          spellcheck={false}
        />
      </Form>
    </Page>
  );
}
