import { api } from '../../api/endpoints';
import type { Result } from '../../api/types';
import { Link } from '../../components/Link';
import { LoadState } from '../../components/LoadState';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { ResultDetails } from '../../components/ResultDetails';
import { useI18n } from '../../i18n/context';
import { useResource } from '../../lib/useResource';
import { StatementDownload } from './StatementDownload';

export const NO_IMMIGRATION = 'no-immigration';

/** "My result": every released result with its fields, the statement download and the way to send it. */
export function MyResult() {
  const { t } = useI18n();
  const results = useResource((signal) => api.myResults(signal), []);
  return (
    <Page title={t('results.title')}>
      <LoadState loading={results.loading && !results.data} error={results.error} retry={results.reload} />
      {results.data?.length === 0 && <p>{t('results.none')}</p>}
      {results.data?.map((result) => (
        <ResultCard key={result.resultId} result={result} />
      ))}
    </Page>
  );
}

function ResultCard({ result }: { result: Result }) {
  const i18n = useI18n();
  const { t } = i18n;
  const prefix = `result-${result.resultId}`;
  // A withdrawn result says so and cannot be sent; an amended one says when (the details are the current version).
  const withdrawnAt = result.withdrawnAt ?? null;
  const amendedAt = result.amendedAt ?? null;
  return (
    <article class="card result-card" aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`} class="visually-hidden">
        {result.qualification}
      </h2>
      {withdrawnAt && (
        <Notice kind="warning">
          <p>
            <strong>{t('results.withdrawn.title')}</strong>
          </p>
          <p>{t('results.withdrawn.body', { date: i18n.date(withdrawnAt) })}</p>
        </Notice>
      )}
      {amendedAt && !withdrawnAt && (
        <Notice kind="info">
          <p>{t('results.amended', { date: i18n.date(amendedAt) })}</p>
        </Notice>
      )}
      {result.restrictions.includes(NO_IMMIGRATION) && !withdrawnAt && (
        <Notice kind="warning">
          <p>{t('results.noImmigration')}</p>
        </Notice>
      )}
      <ResultDetails result={result} idPrefix={prefix} />
      {/* A withdrawn result's statement is no longer issued. */}
      {!withdrawnAt && <StatementDownload resultId={result.resultId} />}
      {!withdrawnAt && (
        <section class="send-callout" aria-labelledby={`${prefix}-send`}>
          <h3 id={`${prefix}-send`}>{t('results.sendTitle')}</h3>
          <p>{t('results.sendIntro')}</p>
          <Link to={`/send?result=${encodeURIComponent(result.resultId)}`} class="button">
            {t('results.sendButton')}
          </Link>
        </section>
      )}
    </article>
  );
}
