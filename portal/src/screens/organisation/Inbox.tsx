import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import { sortInbox } from '../../api/normalise';
import type { InboxItem, ShareStatus } from '../../api/types';
import { Link } from '../../components/Link';
import { LoadState } from '../../components/LoadState';
import { Page } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n/context';
import { useResource } from '../../lib/useResource';

const POLL_MS = 10_000;

/** The organisation's inbox: results shared with any of its accounts, unread first and bold. */
export function Inbox() {
  const i18n = useI18n();
  const { t } = i18n;
  const [status, setStatus] = useState<ShareStatus | ''>('');
  const [account, setAccount] = useState('');
  const inbox = useResource((signal) => api.inbox(status, signal), [status]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') inbox.reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, []);

  const all = inbox.data ?? [];
  const accounts = [
    ...new Map(all.map((i) => [i.recipientId || i.department, i.department])).entries(),
  ].filter(([, d]) => d);
  const items = sortInbox(account ? all.filter((i) => (i.recipientId || i.department) === account) : all);
  const unread = items.filter((i) => i.status === 'unread').length;

  return (
    <Page title={t('inbox.title')} wide>
      <p>{t('inbox.intro')}</p>
      <div class="filters" role="group" aria-label={t('inbox.title')}>
        <div class="field field--inline">
          <label for="filter-status">{t('inbox.filter.status')}</label>
          <select
            id="filter-status"
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as ShareStatus | '')}
          >
            <option value="">{t('inbox.filter.all')}</option>
            <option value="unread">{t('inbox.filter.unread')}</option>
            <option value="read">{t('inbox.filter.read')}</option>
          </select>
        </div>
        {accounts.length > 1 && (
          <div class="field field--inline">
            <label for="filter-account">{t('inbox.filter.account')}</label>
            <select id="filter-account" value={account} onChange={(e) => setAccount(e.currentTarget.value)}>
              <option value="">{t('inbox.filter.allAccounts')}</option>
              {accounts.map(([key, department]) => (
                <option key={key} value={key}>
                  {department}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <LoadState loading={inbox.loading && !inbox.data} error={inbox.error} retry={inbox.reload} />
      {inbox.data && items.length === 0 && <p>{t('inbox.none')}</p>}
      {items.length > 0 && (
        <>
          <p class="inbox__count" role="status">
            {t('inbox.count', { unread, total: items.length })}
          </p>
          <InboxTable items={items} />
        </>
      )}
    </Page>
  );
}

function InboxTable({ items }: { items: InboxItem[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div class="table-wrap">
      <table class="table inbox">
        <caption class="visually-hidden">{t('inbox.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('inbox.candidate')}</th>
            <th scope="col">{t('inbox.qualification')}</th>
            <th scope="col">{t('inbox.account')}</th>
            <th scope="col">{t('inbox.sharedAt')}</th>
            <th scope="col">{t('inbox.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr
              key={item.shareId}
              class={item.status === 'unread' ? 'row--unread' : 'row--read'}
              data-share-id={item.shareId}
            >
              <th scope="row">
                <Link to={`/inbox/${encodeURIComponent(item.shareId)}`}>
                  {item.candidateName || t('inbox.unnamed', { id: item.shareId })}
                </Link>
              </th>
              <td>{item.qualification}</td>
              <td>{item.department}</td>
              <td>
                <time dateTime={item.sharedAt}>{i18n.dateTime(item.sharedAt)}</time>
              </td>
              <td>
                <StatusBadge status={item.status} readAt={item.readAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
