import { useEffect } from 'preact/hooks';
import { api } from '../../api/endpoints';
import type { Result } from '../../api/types';
import { LoadMore } from '../../components/LoadMore';
import { LoadState } from '../../components/LoadState';
import { Page } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n/context';
import { usePagedList } from '../../lib/usePagedList';
import { useResource } from '../../lib/useResource';

const POLL_MS = 5000;

/** "Shared with": every organisation the result went to, when, and its status; paged by the API. */
export function SharedWith() {
  const i18n = useI18n();
  const { t } = i18n;
  const shares = usePagedList((cursor, signal) => api.myShares(cursor, signal), []);
  const results = useResource((signal): Promise<Result[]> => api.myResults(signal), []);

  // Keep the read status current while the tab is on screen (only while one page is shown: a
  // refresh starts again from the first page).
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && shares.pages <= 1 && !shares.loading) shares.reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [shares.pages, shares.loading]);

  const qualificationOf = (resultId: string) => results.data?.find((r) => r.resultId === resultId)?.qualification ?? '';
  const items = shares.items;
  const loaded = !shares.loading || items.length > 0;

  return (
    <Page title={t('shared.title')} wide>
      <p>{t('shared.intro')}</p>
      <div class="reserve">
        <LoadState loading={shares.loading && items.length === 0} error={shares.error} retry={shares.reload} />
        {loaded && !shares.error && items.length === 0 && <p>{t('shared.none')}</p>}
        {items.length > 0 && (
          <table class="table shares cards" id="shared-list">
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
                <tr key={s.shareId} class={s.status === 'unread' ? 'row--unread' : undefined} data-share-id={s.shareId}>
                  <th scope="row" data-row tabIndex={-1}>
                    {s.recipient.organisationName}
                  </th>
                  <td data-label={t('shared.department')} class={s.recipient.department ? undefined : 'cards__empty'}>
                    {s.recipient.department}
                  </td>
                  <td data-label={t('shared.result')}>{qualificationOf(s.resultId)}</td>
                  <td data-label={t('shared.sentAt')}>
                    <time dateTime={s.sharedAt}>{i18n.dateTime(s.sharedAt)}</time>
                  </td>
                  <td data-label={t('shared.status')}>
                    <StatusBadge status={s.status} readAt={s.readAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {/* Shown once the list is there, so nothing below it moves when it arrives. */}
      {loaded && (
        <>
          <LoadMore list={shares} listId="shared-list" />
          <p>
            <button type="button" class="button button--secondary" onClick={shares.reload}>
              {t('shared.refresh')}
            </button>
          </p>
        </>
      )}
    </Page>
  );
}
