import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import type { PagedList } from '../lib/usePagedList';

/**
 * "Show more" under a paged list, and the count shown. After more rows arrive the keyboard focus
 * moves to the first new one (`[data-row]` elements of the list `listId`, each focusable), so a
 * keyboard user goes on reading where the new rows begin.
 */
export function LoadMore<T>({ list, listId }: { list: PagedList<T>; listId: string }) {
  const { t, plural } = useI18n();
  const before = useRef<number | null>(null);

  useEffect(() => {
    if (before.current === null || list.loadingMore) return;
    const first = document.querySelectorAll<HTMLElement>(`#${listId} [data-row]`)[before.current];
    before.current = null;
    first?.focus();
  }, [list.items.length, list.loadingMore]);

  if (list.items.length === 0) return null;
  return (
    <div class="load-more">
      <p class="load-more__count" role="status">
        {plural('list.shown', list.items.length)}
        {!list.hasMore && list.pages > 1 ? ` ${t('list.end')}` : ''}
      </p>
      {list.hasMore && (
        <button
          type="button"
          class="button button--secondary"
          aria-disabled={list.loadingMore ? 'true' : undefined}
          onClick={() => {
            if (list.loadingMore) return;
            before.current = list.items.length;
            list.loadMore();
          }}
        >
          {list.loadingMore ? t('list.loadingMore') : t('list.loadMore')}
        </button>
      )}
    </div>
  );
}
