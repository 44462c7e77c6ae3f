import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import type { Result } from '../../api/types';
import { Link } from '../../components/Link';
import { Notice } from '../../components/Notice';
import { useI18n } from '../../i18n/context';
import { describeError, type Message } from '../../lib/messages';

interface Props {
  invitationId: string;
  organisation: string;
  /** The results that can be sent (not withdrawn); at least one. */
  results: Result[];
}

type State =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'done'; qualification: string; repeat: boolean }
  | { kind: 'failed'; messages: Message[] };

/**
 * After inviting an organisation: attach a result to the invitation, with consent. The share waits
 * ("pending" in Shared with) and is delivered when the organisation joins.
 */
export function AttachToInvitation({ invitationId, organisation, results }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [resultId, setResultId] = useState(results[0]?.resultId ?? '');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const result = results.find((r) => r.resultId === resultId) ?? results[0];

  // The focus goes to what happened (the message replaces the button when it worked).
  useEffect(() => {
    if (state.kind === 'done' || state.kind === 'failed') document.getElementById('attach-outcome')?.focus();
  }, [state.kind]);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!result || state.kind === 'sending') return;
    setState({ kind: 'sending' });
    try {
      const answer = await api.shareWithInvitation(result.resultId, invitationId);
      setState({ kind: 'done', qualification: result.qualification, repeat: answer.repeat });
    } catch (error) {
      setState({ kind: 'failed', messages: describeError(error, i18n).form });
    }
  };

  if (!result) return null;
  return (
    <section class="card attach" aria-labelledby="attach-title">
      <h2 id="attach-title">{t('invite.attach.title', { organisation })}</h2>
      {state.kind === 'done' ? (
        <Notice kind="success" id="attach-outcome" live>
          <p>{t('invite.attach.done', { qualification: state.qualification, organisation })}</p>
          {state.repeat && <p>{t('invite.attach.repeat')}</p>}
          <p>
            <Link to="/shared">{t('send.confirm.shared')}</Link>
          </p>
        </Notice>
      ) : (
        <form class="form" noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby="attach-title">
          <p>{t('invite.attach.intro', { organisation })}</p>
          {state.kind === 'failed' && (
            <Notice kind="error" id="attach-outcome" live>
              {state.messages.map((m, i) => (
                <p key={i} lang={m.lang}>
                  {m.text}
                </p>
              ))}
            </Notice>
          )}
          {results.length > 1 ? (
            <div class="field">
              <label for="attach-result">{t('send.resultLabel')}</label>
              <select id="attach-result" value={result.resultId} onChange={(e) => setResultId(e.currentTarget.value)}>
                {results.map((r) => (
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
          <p id="attach-consent" class="consent">
            {t('invite.attach.consent', { organisation })}
          </p>
          <div class="actions">
            <button
              type="submit"
              class="button"
              aria-describedby="attach-consent"
              aria-disabled={state.kind === 'sending' ? 'true' : undefined}
            >
              {state.kind === 'sending' ? t('send.sending') : t('invite.attach.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
