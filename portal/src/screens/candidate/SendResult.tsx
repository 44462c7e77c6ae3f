import { useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import { ApiError } from '../../api/errors';
import { recipientName, type Recipient, type Result } from '../../api/types';
import { Combobox } from '../../components/Combobox';
import { FormAlert } from '../../components/FormAlert';
import { Link } from '../../components/Link';
import { LoadState } from '../../components/LoadState';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/context';
import { describeError, noErrors, type FormErrors, type Message } from '../../lib/messages';
import { useResource } from '../../lib/useResource';
import { NO_IMMIGRATION } from './MyResult';
import { SendConfirmation, type Sent } from './SendConfirmation';

type F = 'recipient';

/** An answer that refuses the send because the result may not go to immigration authorities. */
function isImmigrationRefusal(error: unknown, recipient: Recipient): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.code === 'SHARE.RESTRICTED') return true;
  // Another coded refusal says what it is (a withdrawn result's text names the exam centre too).
  if (error.code) return false;
  if (error.status < 403 || error.status >= 500 || error.status === 404) return false;
  const text = error.messages.join(' ').toLowerCase();
  return recipient.kind === 'immigration' || text.includes('immigration') || text.includes('exam centre');
}

export function SendResult({ query }: { query: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const results = useResource((signal) => api.myResults(signal), []);
  const [chosenId, setChosenId] = useState(query.get('result') ?? '');
  const [recipient, setRecipient] = useState<Recipient | null>(null);
  const [typed, setTyped] = useState('');
  const [errors, setErrors] = useState<FormErrors<F>>(noErrors);
  const [refusal, setRefusal] = useState<Message[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);

  // A result the exam centre withdrew cannot be sent (the API refuses it too).
  const list = (results.data ?? []).filter((r) => !r.withdrawnAt);
  const result: Result | undefined = list.find((r) => r.resultId === chosenId) ?? list[0];

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!result || busy) return;
    setRefusal(null);
    if (!recipient) {
      setErrors({ fields: { recipient: [{ text: t('send.selectFirst') }] }, form: [] });
      document.getElementById('field-recipient')?.focus();
      return;
    }
    setErrors(noErrors());
    setBusy(true);
    try {
      const answer = await api.share({
        resultId: result.resultId,
        recipientId: recipient.recipientId,
        consent: true,
      });
      setSent({ ...answer, recipient, qualification: result.qualification });
    } catch (error) {
      if (isImmigrationRefusal(error, recipient)) {
        // The catalogue words the refusal (the API's own text never reaches the screen).
        setRefusal([{ text: t('send.refused.immigration') }]);
        requestAnimationFrame(() => document.getElementById('send-refusal')?.focus());
      } else {
        setErrors(describeError(error, i18n, ['recipient']));
        requestAnimationFrame(() => document.getElementById('form-alert')?.focus());
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('send.title')}>
      <div class="prose">
        <p>{t('send.intro1')}</p>
        <p>{t('send.intro2')}</p>
        <p>{t('send.intro3')}</p>
      </div>
      <LoadState loading={results.loading && !results.data} error={results.error} retry={results.reload} />
      {results.data && !result && <p>{t('send.noResult')}</p>}
      {result && (
        <form
          class="card form send-form"
          noValidate
          onSubmit={(event) => void onSubmit(event)}
          aria-labelledby="page-title"
        >
          <FormAlert errors={errors} labels={{ recipient: t('send.search.label') }} />
          {refusal && (
            <Notice kind="error" id="send-refusal" title={t('send.refused.title')} live>
              {refusal.map((m, i) => (
                <p key={i} lang={m.lang} class={i === 0 ? 'refusal__main' : undefined}>
                  {m.text}
                </p>
              ))}
            </Notice>
          )}
          {list.length > 1 ? (
            <div class="field">
              <label for="field-result">{t('send.resultLabel')}</label>
              <select
                id="field-result"
                value={result.resultId}
                onChange={(e) => setChosenId(e.currentTarget.value)}
              >
                {list.map((r) => (
                  <option key={r.resultId} value={r.resultId}>
                    {r.qualification} – {i18n.number(r.overallScore)} ({i18n.date(r.examDate)})
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <dl class="send-form__result">
              <dt>{t('send.resultLabel')}</dt>
              <dd>
                <span>{result.qualification}</span> <strong>{i18n.number(result.overallScore)}</strong>
              </dd>
            </dl>
          )}
          {result.restrictions.includes(NO_IMMIGRATION) && (
            <Notice kind="warning">
              <p>{t('results.noImmigration')}</p>
            </Notice>
          )}
          <Combobox
            label={t('send.search.label')}
            hint={t('send.search.hint')}
            placeholder={t('send.search.placeholder')}
            selected={recipient}
            onSelect={(r) => {
              setRecipient(r);
              if (r) setErrors(noErrors());
            }}
            onQuery={setTyped}
            search={(q, signal) => api.search(q, signal)}
            errors={errors.fields.recipient}
          />
          {recipient && (
            <p class="selected" role="status">
              {t('send.selected', { recipient: recipientName(recipient) })}
            </p>
          )}
          <p id="send-consent" class="consent">
            {t('send.consent')}
          </p>
          <div class="actions">
            <Link to="/results" class="button button--secondary">
              {t('send.back')}
            </Link>
            {/* Not `disabled` while sending: the focus stays here, and returns here when the confirmation closes. */}
            <button type="submit" class="button" aria-describedby="send-consent" aria-disabled={busy ? 'true' : undefined}>
              {busy ? t('send.sending') : t('send.submit')}
            </button>
          </div>
        </form>
      )}
      <p class="invite-callout">
        {t('send.invite')}{' '}
        <Link to={typed.trim() ? `/invite?name=${encodeURIComponent(typed.trim())}` : '/invite'}>
          {t('send.inviteLink')}
        </Link>
      </p>
      <SendConfirmation sent={sent} onClose={() => setSent(null)} />
    </Page>
  );
}
