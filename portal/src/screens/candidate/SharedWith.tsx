import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import { recipientName, type CandidateShare, type Result } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { LoadMore } from '../../components/LoadMore';
import { LoadState } from '../../components/LoadState';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { ShareTimeline } from '../../components/ShareTimeline';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n/context';
import { describeError, type Message } from '../../lib/messages';
import { amendedText, canWithdraw, withLocalWithdrawals, withdrawalText } from '../../lib/shareLife';
import { usePagedList } from '../../lib/usePagedList';
import { useResource } from '../../lib/useResource';

const POLL_MS = 5000;
const OUTCOME_ID = 'withdraw-outcome';

interface Outcome {
  kind: 'success' | 'error';
  messages: Message[];
  at: number;
}

/**
 * "Shared with": every organisation the result went to, when, its status and its delivery timeline;
 * an unread share can be withdrawn (after a confirmation). Paged by the API.
 */
export function SharedWith() {
  const i18n = useI18n();
  const { t } = i18n;
  const shares = usePagedList((cursor, signal) => api.myShares(cursor, signal), []);
  const results = useResource((signal): Promise<Result[]> => api.myResults(signal), []);
  // Shares withdrawn here, shown so until the list (a projection) says so itself.
  const [withdrawn, setWithdrawn] = useState<ReadonlyMap<string, CandidateShare>>(new Map());
  const [asking, setAsking] = useState<CandidateShare | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // After a withdrawal the focus goes to the message saying what happened (the button is gone).
  const focusOutcome = useRef(false);

  // Keep the statuses current while the tab is on screen (only while one page is shown: a
  // refresh starts again from the first page).
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && shares.pages <= 1 && !shares.loading && !asking) shares.reload();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [shares.pages, shares.loading, asking]);

  const closeDialog = useCallback(() => setAsking(null), []);
  const focusAfterClose = useCallback((): HTMLElement | null => {
    if (!focusOutcome.current) return null;
    focusOutcome.current = false;
    return document.getElementById(OUTCOME_ID);
  }, []);

  const confirmWithdrawal = async () => {
    if (!asking || busy) return;
    const share = asking;
    const recipient = recipientName(share.recipient);
    setBusy(true);
    try {
      const answer = await api.withdrawShare(share.shareId);
      setWithdrawn((before) => new Map(before).set(share.shareId, { ...answer, recipient: share.recipient }));
      setOutcome({ kind: 'success', messages: [{ text: t('shared.withdraw.done', { recipient }) }], at: Date.now() });
    } catch (error) {
      // 409: the organisation opened it first (or it has not reached them yet): worded by the catalogue.
      const described = describeError(error, i18n, [], { 409: 'shared.withdraw.alreadyRead' });
      setOutcome({ kind: 'error', messages: described.form, at: Date.now() });
    } finally {
      setBusy(false);
      focusOutcome.current = true;
      setAsking(null);
      shares.reload();
    }
  };

  const qualificationOf = (resultId: string) => results.data?.find((r) => r.resultId === resultId)?.qualification ?? '';
  const items = withLocalWithdrawals(shares.items, withdrawn);
  const loaded = !shares.loading || items.length > 0;
  const anyWithdrawable = items.some(canWithdraw);

  return (
    <Page title={t('shared.title')} wide>
      <p>{t('shared.intro')}</p>
      {outcome && (
        <Notice
          key={outcome.at}
          kind={outcome.kind}
          id={OUTCOME_ID}
          live
          {...(outcome.kind === 'error' ? { title: t('shared.withdraw.failed') } : {})}
        >
          {outcome.messages.map((m, i) => (
            <p key={i} lang={m.lang}>
              {m.text}
            </p>
          ))}
        </Notice>
      )}
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
                {anyWithdrawable && <th scope="col">{t('shared.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr
                  key={s.shareId}
                  class={s.status === 'unread' ? 'row--unread' : undefined}
                  data-share-id={s.shareId}
                  data-status={s.status}
                >
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
                    <StatusBadge
                      status={s.status}
                      readAt={s.readAt}
                      {...(s.status === 'pending' ? { organisation: s.recipient.organisationName } : {})}
                    />
                    {s.withdrawal?.by === 'exam-centre' && (
                      <p class="share-note share-note--withdrawn">{withdrawalText(s.withdrawal, i18n)}</p>
                    )}
                    {s.amendedAt && <p class="share-note">{amendedText(s.amendedAt, null, i18n)}</p>}
                    <ShareTimeline share={s} perspective="candidate" collapsible />
                  </td>
                  {anyWithdrawable && (
                    <td data-label={t('shared.actions')} class={canWithdraw(s) ? undefined : 'cards__empty'}>
                      {canWithdraw(s) && (
                        <button
                          type="button"
                          class="button button--secondary button--small"
                          aria-label={t('shared.withdraw.label', { recipient: recipientName(s.recipient) })}
                          onClick={() => setAsking(s)}
                        >
                          {t('shared.withdraw')}
                        </button>
                      )}
                    </td>
                  )}
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
      <Dialog open={asking !== null} title={t('shared.withdraw.title')} onClose={closeDialog} focusOnClose={focusAfterClose}>
        {asking && (
          <>
            <p>
              {t('shared.withdraw.body', {
                recipient: recipientName(asking.recipient),
                qualification: qualificationOf(asking.resultId) || t('shared.result'),
              })}
            </p>
            <p>{t('shared.withdraw.onlyUnread')}</p>
            <div class="actions">
              <button
                type="button"
                class="button button--danger"
                aria-disabled={busy ? 'true' : undefined}
                onClick={() => void confirmWithdrawal()}
              >
                {busy ? t('shared.withdraw.working') : t('shared.withdraw.confirm')}
              </button>
              {/* The safe choice has the focus first. */}
              <button type="button" class="button button--secondary" data-autofocus onClick={closeDialog}>
                {t('shared.withdraw.cancel')}
              </button>
            </div>
          </>
        )}
      </Dialog>
    </Page>
  );
}
