import { useI18n } from '../i18n/context';
import { describeError } from '../lib/messages';
import { Notice } from './Notice';

/** The loading line and the load-failed notice (with a retry button) shared by the screens. */
export function LoadState({
  loading,
  error,
  retry,
}: {
  loading: boolean;
  error: unknown;
  retry: () => void;
}) {
  const i18n = useI18n();
  if (error) {
    const described = describeError(error, i18n);
    return (
      <Notice kind="error" live>
        {described.form.map((m, i) => (
          <p key={i} lang={m.lang}>
            {m.text}
          </p>
        ))}
        <button type="button" class="button button--secondary" onClick={retry}>
          {i18n.t('common.retry')}
        </button>
      </Notice>
    );
  }
  if (loading) {
    return (
      <p class="loading" role="status">
        {i18n.t('common.loading')}
      </p>
    );
  }
  return null;
}
