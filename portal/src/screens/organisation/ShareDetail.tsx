import { api } from '../../api/endpoints';
import type { SharedResult } from '../../api/types';
import { Link } from '../../components/Link';
import { LoadState } from '../../components/LoadState';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { ResultDetails, skillLabel } from '../../components/ResultDetails';
import { ShareTimeline } from '../../components/ShareTimeline';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n/context';
import { amendedText, changesText, withdrawalText } from '../../lib/shareLife';
import { useResource } from '../../lib/useResource';

/**
 * A shared result opened in full: the candidate and the whole result (its current version, with the
 * history of amendments). Opening it marks it read. A withdrawn share says who withdrew it and shows
 * no details, only its timeline.
 */
export function ShareDetail({ shareId }: { shareId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const share = useResource((signal) => api.sharedResult(shareId, signal), [shareId]);
  const data = share.data;
  const withdrawn = data?.status === 'withdrawn';
  return (
    <Page title={t('share.title')}>
      <p>
        <Link to="/inbox">← {t('share.back')}</Link>
      </p>
      <LoadState loading={share.loading && !data} error={share.error} retry={share.reload} />
      {data && withdrawn && (
        <Notice kind="warning">
          <p>
            <strong>
              {data.withdrawal ? withdrawalText(data.withdrawal, i18n) : t('share.withdrawn.title')}
            </strong>
          </p>
          {data.withdrawal && <p>{t('withdrawal.on', { date: i18n.dateTime(data.withdrawal.at) })}</p>}
          <p>{t('withdrawal.noDetails')}</p>
        </Notice>
      )}
      {data && !withdrawn && data.candidate && (
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
      )}
      {data && !withdrawn && data.result && <SharedResultCard data={data} result={data.result} />}
      {data && (
        <section class="card" aria-labelledby="share-status">
          <h2 id="share-status" class="visually-hidden">
            {t('inbox.status')}
          </h2>
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
          {data.timeline.length > 0 && (
            <>
              <h3 id="share-timeline">{t('share.timeline')}</h3>
              <ShareTimeline share={data} perspective="organisation" />
            </>
          )}
        </section>
      )}
    </Page>
  );
}

function SharedResultCard({ data, result }: { data: SharedResult; result: NonNullable<SharedResult['result']> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const last = data.amendments[data.amendments.length - 1];
  const skill = (name: string) => skillLabel(t, name);
  return (
    <section class="card" aria-labelledby="share-result">
      <h2 id="share-result">{t('share.result')}</h2>
      {last && (
        <Notice kind="info">
          <p>
            <strong>{amendedText(last.at, last.reason, i18n)}</strong>
          </p>
          <p>{t('amended.current')}</p>
        </Notice>
      )}
      <p class="hint">{t('share.genuine')}</p>
      <ResultDetails result={result} idPrefix="share" />
      {result.verificationCode && (
        <p>
          {t('share.verificationCode')}: <code class="code">{result.verificationCode}</code>
        </p>
      )}
      {data.amendments.length > 0 && (
        <>
          <h3 id="share-amendments">{t('amended.history')}</h3>
          <ol class="amendments" aria-labelledby="share-amendments">
            {data.amendments.map((a, i) => (
              <li key={`${a.at}-${i}`}>
                <time dateTime={a.at}>{i18n.dateTime(a.at)}</time>
                <br />
                {t('amended.reason')}: {a.reason}
                {changesText(a.changes, i18n, skill) && (
                  <>
                    <br />
                    {t('amended.changes')}: {changesText(a.changes, i18n, skill)}
                  </>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
