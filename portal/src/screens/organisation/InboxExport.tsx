import { useState } from 'preact/hooks';
import { api, type InboxFilters } from '../../api/endpoints';
import { useI18n } from '../../i18n/context';
import { describeError, type Message } from '../../lib/messages';
import { saveBlob } from '../../lib/download';

/** "Download as CSV": the inbox with the filters applied (paging aside), as the API writes it. */
export function InboxExport({ filters }: { filters: InboxFilters }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<Message[]>([]);

  const download = async () => {
    if (state === 'busy') return;
    setState('busy');
    setError([]);
    try {
      saveBlob(await api.exportInbox(filters), `shared-results-${new Date().toISOString().slice(0, 10)}.csv`);
      setState('done');
    } catch (e) {
      setError(describeError(e, i18n).form);
      setState('idle');
    }
  };

  return (
    <div class="download">
      <button
        type="button"
        class="button button--secondary"
        onClick={() => void download()}
        aria-describedby="export-hint"
        // Not `disabled` while busy: the keyboard focus stays on the button.
        aria-disabled={state === 'busy' ? 'true' : undefined}
      >
        {t('inbox.export')}
      </button>
      <span id="export-hint" class="hint">
        {' '}
        {t('inbox.export.hint')}
      </span>
      <p class="download__status" role="status">
        {state === 'busy' ? t('inbox.exporting') : state === 'done' ? t('inbox.exported') : ''}
      </p>
      {error.length > 0 && (
        <p class="field-error" role="alert">
          {error.map((m, i) => (
            <span key={i} class="field-error__line">
              {m.text}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
