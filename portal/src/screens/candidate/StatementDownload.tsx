import { useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import { useI18n } from '../../i18n/context';
import { describeError, type Message } from '../../lib/messages';

/** Fetches the Statement of Results (the request needs the bearer token) and saves it as a PDF. */
export function StatementDownload({ resultId }: { resultId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<Message[]>([]);

  const download = async () => {
    setState('busy');
    setError([]);
    try {
      const blob = await api.statement(resultId);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = `statement-of-results-${resultId}.pdf`;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
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
        disabled={state === 'busy'}
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
