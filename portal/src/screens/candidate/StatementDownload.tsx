import { useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import { useI18n } from '../../i18n/context';
import { saveBlob } from '../../lib/download';
import { describeError, type Message } from '../../lib/messages';

/** Fetches the Statement of Results (the request needs the bearer token) and saves it as a PDF. */
export function StatementDownload({ resultId }: { resultId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<Message[]>([]);

  const download = async () => {
    if (state === 'busy') return;
    setState('busy');
    setError([]);
    try {
      saveBlob(await api.statement(resultId), `statement-of-results-${resultId}.pdf`);
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
        aria-describedby={`dl-hint-${resultId}`}
        // Not `disabled` while busy: that would drop the keyboard focus to <body>; it stays here.
        aria-disabled={state === 'busy' ? 'true' : undefined}
      >
        <span aria-hidden="true">⬇ </span>
        {t('results.download')}
      </button>
      <span id={`dl-hint-${resultId}`} class="hint">
        {' '}
        ({t('results.download.hint')})
      </span>
      <p class="download__status" role="status">
        {state === 'busy' ? t('results.downloading') : state === 'done' ? t('results.downloaded') : ''}
      </p>
      {error.length > 0 && (
        <p class="field-error" role="alert">
          {error.map((m, i) => (
            <span key={i} lang={m.lang} class="field-error__line">
              {m.text}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
