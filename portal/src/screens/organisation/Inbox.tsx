import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type InboxFilters } from '../../api/endpoints';
import type { InboxItem, InboxStatus } from '../../api/types';
import { Link } from '../../components/Link';
import { LoadMore } from '../../components/LoadMore';
import { LoadState } from '../../components/LoadState';
import { Page } from '../../components/Page';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n/context';
import { amendedText, withdrawalText } from '../../lib/shareLife';
import { usePagedList } from '../../lib/usePagedList';
import { InboxExport } from './InboxExport';

const POLL_MS = 10_000;

interface Draft {
  status: InboxStatus | '';
  recipientId: string;
  q: string;
  from: string;
  to: string;
}

const EMPTY: Draft = { status: '', recipientId: '', q: '', from: '', to: '' };

/** The query the API filters by: empty fields left out. */
const filtersOf = (d: Draft): InboxFilters => ({
  ...(d.status ? { status: d.status } : {}),
  ...(d.recipientId ? { recipientId: d.recipientId } : {}),
  ...(d.q.trim() ? { q: d.q.trim() } : {}),
  ...(d.from ? { from: d.from } : {}),
  ...(d.to ? { to: d.to } : {}),
});

/** The organisation's inbox: results shared with any of its accounts, unread first; filtered and paged by the API. */
export function Inbox() {
  const i18n = useI18n();
  const { t } = i18n;
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [applied, setApplied] = useState<Draft>(EMPTY);
  const filters = filtersOf(applied);
  const inbox = usePagedList((cursor, signal) => api.inbox(filters, cursor, signal), [JSON.stringify(filters)]);
  // The accounts seen so far, for the account filter (the API has no list of them for organisations).
  const accounts = useRef(new Map<string, string>());
  for (const item of inbox.items) if (item.department) accounts.current.set(item.recipientId, item.department);
  const focusCount = useRef(false);

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && inbox.pages <= 1 && !inbox.loading) inbox.reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [inbox.pages, inbox.loading]);

  // After filtering, the keyboard focus goes to the line that says what is shown.
  useEffect(() => {
    if (!focusCount.current || inbox.loading) return;
    focusCount.current = false;
    document.getElementById('inbox-count')?.focus();
  }, [inbox.loading]);

  const apply = (next: Draft) => {
    focusCount.current = true;
    setApplied(next);
  };
  const set = (field: keyof Draft) => (e: Event) => setDraft({ ...draft, [field]: (e.currentTarget as HTMLInputElement).value });
  const items = inbox.items;
  const unread = items.filter((i) => i.status === 'unread').length;
  const filtered = Object.keys(filters).length > 0;

  return (
    <Page title={t('inbox.title')} wide>
      <p>{t('inbox.intro')}</p>
      <form
        class="filters card"
        aria-labelledby="filters-title"
        onSubmit={(e) => {
          e.preventDefault();
          apply(draft);
        }}
      >
        <h2 id="filters-title" class="filters__title">
          {t('inbox.filter.legend')}
        </h2>
        <div class="filters__fields">
          <div class="field">
            <label for="filter-status">{t('inbox.filter.status')}</label>
            <select id="filter-status" value={draft.status} onChange={set('status')}>
              <option value="">{t('inbox.filter.all')}</option>
              <option value="unread">{t('inbox.filter.unread')}</option>
              <option value="read">{t('inbox.filter.read')}</option>
              <option value="withdrawn">{t('inbox.filter.withdrawn')}</option>
            </select>
          </div>
          {accounts.current.size > 1 && (
            <div class="field">
              <label for="filter-account">{t('inbox.filter.account')}</label>
              <select id="filter-account" value={draft.recipientId} onChange={set('recipientId')}>
                <option value="">{t('inbox.filter.allAccounts')}</option>
                {[...accounts.current.entries()].map(([recipientId, department]) => (
                  <option key={recipientId} value={recipientId}>
                    {department}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div class="field">
            <label for="filter-q">{t('inbox.filter.q')}</label>
            <input id="filter-q" type="search" value={draft.q} onInput={set('q')} autoComplete="off" spellcheck={false} />
          </div>
          <div class="field">
            <label for="filter-from">{t('inbox.filter.from')}</label>
            <input id="filter-from" type="date" value={draft.from} onInput={set('from')} />
          </div>
          <div class="field">
            <label for="filter-to">{t('inbox.filter.to')}</label>
            <input id="filter-to" type="date" value={draft.to} onInput={set('to')} min={draft.from || undefined} />
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="button">
            {t('inbox.filter.apply')}
          </button>
          {filtered && (
            <button
              type="button"
              class="button button--secondary"
              onClick={() => {
                setDraft(EMPTY);
                apply(EMPTY);
              }}
            >
              {t('inbox.filter.clear')}
            </button>
          )}
        </div>
      </form>
      <InboxExport filters={filters} />
      <div class="reserve">
        <LoadState loading={inbox.loading && items.length === 0} error={inbox.error} retry={inbox.reload} />
        {!inbox.loading && !inbox.error && items.length === 0 && (
          <p id="inbox-count" tabIndex={-1}>
            {t(filtered ? 'inbox.noneMatching' : 'inbox.none')}
          </p>
        )}
        {items.length > 0 && (
          <>
            <p class="inbox__count" id="inbox-count" tabIndex={-1}>
              {t('inbox.count', { unread, total: items.length })}
            </p>
            <InboxTable items={items} />
          </>
        )}
      </div>
      <LoadMore list={inbox} listId="inbox-list" />
    </Page>
  );
}

function InboxTable({ items }: { items: InboxItem[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <table class="table inbox cards" id="inbox-list">
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
            class={item.status === 'unread' ? 'row--unread' : item.status === 'withdrawn' ? 'row--withdrawn' : 'row--read'}
            data-share-id={item.shareId}
            data-status={item.status}
          >
            <th scope="row">
              <span data-row tabIndex={-1} class="row-anchor">
                {/* A withdrawn share shows no candidate: it says who withdrew it (its page has the timeline). */}
                <Link to={`/inbox/${encodeURIComponent(item.shareId)}`} class={item.status === 'withdrawn' ? 'withdrawn-row' : undefined}>
                  {item.withdrawal
                    ? withdrawalText(item.withdrawal, i18n)
                    : item.status === 'withdrawn'
                      ? t('status.withdrawn')
                      : item.candidateName || t('inbox.unnamed', { id: item.shareId })}
                </Link>
              </span>
              {(item.idNumber || item.dateOfBirth) && (
                <span class="candidate-ids">
                  {item.idNumber && (
                    <span>
                      {t('inbox.idNumber')}: <span class="nowrap">{item.idNumber}</span>
                    </span>
                  )}
                  {item.dateOfBirth && (
                    <span>
                      {t('inbox.dateOfBirth')}: <span class="nowrap">{i18n.date(item.dateOfBirth)}</span>
                    </span>
                  )}
                </span>
              )}
            </th>
            <td data-label={t('inbox.qualification')} class={item.qualification || item.amendedAt ? undefined : 'cards__empty'}>
              {item.qualification}
              {item.amendedAt && item.status !== 'withdrawn' && <p class="share-note">{amendedText(item.amendedAt, null, i18n)}</p>}
            </td>
            <td data-label={t('inbox.account')} class={item.department ? undefined : 'cards__empty'}>
              {item.department}
            </td>
            <td data-label={t('inbox.sharedAt')}>
              <time dateTime={item.sharedAt}>{i18n.dateTime(item.sharedAt)}</time>
            </td>
            <td data-label={t('inbox.status')}>
              <StatusBadge status={item.status} readAt={item.readAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
