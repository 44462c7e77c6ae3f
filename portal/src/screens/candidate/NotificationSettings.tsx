import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import type { NotificationSettings as Settings } from '../../../../libs/contracts/src/http/index.js';
import { LoadState } from '../../components/LoadState';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n/context';
import { describeError, type Message } from '../../lib/messages';
import { useResource } from '../../lib/useResource';

const OFF: Settings = { shareOpened: false, resultAmended: false };

type State = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: number } | { kind: 'failed'; messages: Message[]; at: number };

/** The candidate's opt-in e-mails: when a share is opened, when a shared result is amended (all off until chosen). */
export function NotificationSettings() {
  const i18n = useI18n();
  const { t } = i18n;
  const account = useResource((signal) => api.myAccount(signal), []);
  const [values, setValues] = useState<Settings | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });

  useEffect(() => {
    if (account.data && values === null) setValues({ ...OFF, ...account.data.notifications });
  }, [account.data]);

  useEffect(() => {
    if (state.kind === 'saved' || state.kind === 'failed') document.getElementById('settings-outcome')?.focus();
  }, [state]);

  const toggle = (field: keyof Settings) => (e: Event) => {
    const checked = (e.currentTarget as HTMLInputElement).checked;
    setValues((v) => ({ ...(v ?? OFF), [field]: checked }));
    if (state.kind !== 'saving') setState({ kind: 'idle' });
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!values || state.kind === 'saving') return;
    setState({ kind: 'saving' });
    try {
      const saved = await api.updateNotifications(values);
      setValues({ ...OFF, ...saved });
      setState({ kind: 'saved', at: Date.now() });
    } catch (error) {
      setState({ kind: 'failed', messages: describeError(error, i18n).form, at: Date.now() });
    }
  };

  return (
    <Page title={t('settings.title')}>
      <p>{t('settings.intro')}</p>
      <LoadState loading={account.loading && !account.data} error={account.error} retry={account.reload} />
      {state.kind === 'saved' && (
        <Notice key={state.at} kind="success" id="settings-outcome" live>
          <p>{t('settings.saved')}</p>
        </Notice>
      )}
      {state.kind === 'failed' && (
        <Notice key={state.at} kind="error" id="settings-outcome" live>
          {state.messages.map((m, i) => (
            <p key={i} lang={m.lang}>
              {m.text}
            </p>
          ))}
        </Notice>
      )}
      {values && (
        <form class="card form" noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby="page-title">
          <fieldset class="checks">
            <legend>{t('settings.legend')}</legend>
            <label class="check" for="notify-share-opened">
              <input id="notify-share-opened" type="checkbox" checked={values.shareOpened} onChange={toggle('shareOpened')} />
              <span>{t('settings.shareOpened')}</span>
            </label>
            <label class="check" for="notify-result-amended">
              <input
                id="notify-result-amended"
                type="checkbox"
                checked={values.resultAmended}
                onChange={toggle('resultAmended')}
              />
              <span>{t('settings.resultAmended')}</span>
            </label>
          </fieldset>
          <div class="actions">
            <button type="submit" class="button" aria-disabled={state.kind === 'saving' ? 'true' : undefined}>
              {state.kind === 'saving' ? t('settings.saving') : t('settings.save')}
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}
