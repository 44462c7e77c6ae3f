import { useEffect } from 'preact/hooks';
import { api } from '../../api/endpoints';
import type { CandidateShare, Result } from '../../api/types';
import { LoadState } from '../../components/LoadState';
import { Page } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n/context';
import { useResource } from '../../lib/useResource';

const POLL_MS = 5000;

/** "Shared with": every organisation the result went to, when, and unread / read (and when). */
export function SharedWith() {
  const i18n = useI18n();
  const { t } = i18n;
  const shares = useResource(async (signal): Promise<{ items: CandidateShare[]; results: Result[] }> => {
    const [items, results] = await Promise.all([api.myShares(signal), api.myResults(signal)]);
    return { items, results };
  }, []);

  // Keep the read status current while the tab is on screen.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') shares.reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, []);

  const data = shares.data;
  const qualificationOf = (resultId: string) =>
    data?.results.find((r) => r.resultId === resultId)?.qualification ?? '';
  const items = [...(data?.items ?? [])].sort((a, b) => b.sharedAt.localeCompare(a.sharedAt));

  return (
    <Page title={t('shared.title')} wide>
      <p>{t('shared.intro')}</p>
      <LoadState loading={shares.loading && !data} error={shares.error} retry={shares.reload} />
      {data && items.length === 0 && <p>{t('shared.none')}</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="table shares">
            <caption class="visually-hidden">{t('shared.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('shared.organisation')}</th>
                <th scope="col">{t('shared.department')}</th>
                <th scope="col">{t('shared.result')}</th>
                <th scope="col">{t('shared.sentAt')}</th>
                <th scope="col">{t('shared.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr
                  key={s.shareId}
                  class={s.status === 'unread' ? 'row--unread' : undefined}
                  data-share-id={s.shareId}
                >
                  <th scope="row">{s.recipient.organisationName}</th>
                  <td>{s.recipient.department}</td>
                  <td>{qualificationOf(s.resultId)}</td>
                  <td>
                    <time dateTime={s.sharedAt}>{i18n.dateTime(s.sharedAt)}</time>
                  </td>
                  <td>
                    <StatusBadge status={s.status} readAt={s.readAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <button type="button" class="button button--secondary" onClick={shares.reload}>
          {t('shared.refresh')}
        </button>
      </p>
    </Page>
  );
}
