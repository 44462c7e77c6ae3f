import { api } from '../../api/endpoints';
import { Link } from '../../components/Link';
import { LoadState } from '../../components/LoadState';
import { Page } from '../../components/Page';
import { ResultDetails } from '../../components/ResultDetails';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n/context';
import { useResource } from '../../lib/useResource';

/** A shared result opened in full: the candidate and the whole result. Opening it marks it read. */
export function ShareDetail({ shareId }: { shareId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const share = useResource((signal) => api.sharedResult(shareId, signal), [shareId]);
  const data = share.data;
  return (
    <Page title={t('share.title')}>
      <p>
        <Link to="/inbox">← {t('share.back')}</Link>
      </p>
      <LoadState loading={share.loading && !data} error={share.error} retry={share.reload} />
      {data && (
        <>
          <section class="card" aria-labelledby="share-candidate">
            <h2 id="share-candidate">{t('share.candidate')}</h2>
            <dl class="result__summary">
              <div>
                <dt>{t('share.name')}</dt>
                <dd>{data.candidate.name}</dd>
              </div>
              <div>
                <dt>{t('share.dateOfBirth')}</dt>
                <dd>{i18n.date(data.candidate.dateOfBirth)}</dd>
              </div>
              <div>
                <dt>{t('share.idNumber')}</dt>
                <dd>{data.candidate.idNumber}</dd>
              </div>
            </dl>
          </section>
          <section class="card" aria-labelledby="share-result">
            <h2 id="share-result">{t('share.result')}</h2>
            <p class="hint">{t('share.genuine')}</p>
            <ResultDetails result={data.result} idPrefix="share" />
            {data.result.verificationCode && (
              <p>
                {t('share.verificationCode')}: <code class="code">{data.result.verificationCode}</code>
              </p>
            )}
          </section>
          <section class="card" aria-label={t('inbox.status')}>
            <dl class="result__summary">
              {(data.organisationName || data.department) && (
                <div>
                  <dt>{t('share.account')}</dt>
                  <dd>{[data.organisationName, data.department].filter(Boolean).join(' – ')}</dd>
                </div>
              )}
              <div>
                <dt>{t('share.sharedAt')}</dt>
                <dd>{i18n.dateTime(data.sharedAt)}</dd>
              </div>
              <div>
                <dt>{t('inbox.status')}</dt>
                <dd>
                  <StatusBadge status={data.status} readAt={data.readAt} />
                </dd>
              </div>
            </dl>
          </section>
        </>
      )}
    </Page>
  );
}
